using Mooc.Build;
using Mooc.Platform.Backup;
using Mooc.Platform.Operations;

/// <summary>Backup, Restore and Shell: the deployment's data to an archive and back, and a command (or a shell) in a service's container.</summary>
partial class Build
{
    [Parameter("Backup: the folder the archives go to (also the backup Deploy takes before migrating)")]
    readonly string BackupDir = "backups";

    [Parameter("Restore: the archive to restore, as Backup wrote it (backups/<deployment>-<time>.tar.gz)", Name = "backup")]
    readonly string? BackupFile;

    [Parameter("Deploy, Migrate: do not take a backup before the migration steps run again on existing data")]
    readonly bool SkipBackup;

    [Parameter("Shell: the command to run (also everything after a bare --); default: an interactive shell")]
    readonly string[] Command = [];

    Target Backup => _ => _
        .Description("Back up the deployment: every database dumped in one transaction, every other volume archived, with a manifest, to --backup-dir/<deployment>-<time>.tar.gz")
        .Validates(PlatformAndRecipes, ClusterName)
        .Executes(async ct => ReportSummary("backup", await DeploymentBackup.CreateAsync(await ClusterAsync(ct), await DeploymentAsync(ct), BackupDirectory, "Backup target", ct)));

    Target Restore => _ => _
        .Description("Restore --backup into the deployment: checks the archive is of this platform, stops the application, writes the data, migrates, starts and waits")
        .Validates(PlatformAndRecipes, ClusterName)
        .Requires(() => BackupFile)
        .Executes(async ct => await DeploymentRestore.RestoreAsync(await ClusterAsync(ct), await DeploymentAsync(ct), Path.GetFullPath(BackupFile!, RootDirectory), ReadyTimeout, ct));

    Target Shell => _ => _
        .Description("Run --command (or what follows --) in a service's container (--service; default: the application), or an interactive shell, with a TTY when this is a terminal")
        .Validates(PlatformFile, ClusterName)
        .Executes(async ct =>
        {
            var code = await ServiceShell.RunAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: false, ct), Service.FirstOrDefault(), Command, ct);
            if (code != 0) throw new BuildException($"The command exited with code {code}.");
        });

    string BackupDirectory => Path.GetFullPath(BackupDir, RootDirectory);

    /// <summary>Before the migration steps run again on data that exists (new images, commands or settings), that data goes to an archive first.</summary>
    async Task BackupBeforeMigratingAsync(CancellationToken ct)
    {
        var engine = await ClusterAsync(ct);
        var current = await DeploymentAsync(ct);
        if (!await DeploymentBackup.IsDueBeforeMigratingAsync(engine, current, ct)) return;
        if (SkipBackup)
        {
            Log.Warn("The migration steps will change existing data; no backup taken first (--skip-backup)");
            return;
        }
        Log.Info("The migration steps will run on existing data with new images, commands or settings: backing it up first (--skip-backup skips this)");
        var archive = await DeploymentBackup.CreateAsync(engine, current, BackupDirectory, "before migrating", ct);
        ReportSummary("backup", archive);
    }
}
