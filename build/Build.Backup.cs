using Mooc.Build;
using Mooc.Platform.Backup;
using Mooc.Platform.Operations;

/// <summary>The inputs of Backup, Restore and Shell (the targets are in Build.cs), and the backup Deploy takes before migrating.</summary>
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
