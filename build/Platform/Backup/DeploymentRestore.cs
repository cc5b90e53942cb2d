using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Backup;

/// <summary>
/// The Restore target: a backup archive's databases and volumes written back into a deployment of
/// the same platform. The application is stopped meanwhile (nothing writes half-restored data), the
/// migration steps then bring the restored schema up to the deployment's images, and the
/// application starts again and is waited for.
/// </summary>
public static class DeploymentRestore
{
    public static async Task RestoreAsync(IClusterEngine engine, ClusterDeployment deployment, string archive, TimeSpan readyDeadline, CancellationToken ct)
    {
        if (!File.Exists(archive)) throw new InvalidOperationException($"--backup {archive}: no such file. Backups are written to backups/<deployment>-<time>.tar.gz by './build.sh Backup'.");
        var clock = Stopwatch.StartNew();
        var staging = Path.Combine(Path.GetTempPath(), $"mooc-restore-{Guid.NewGuid():N}");
        try
        {
            await UnpackAsync(archive, staging, ct);
            var manifest = BackupManifest.Read(Path.Combine(staging, BackupManifest.FileName), archive);
            var sources = BackupSources.Of(deployment);
            Check(manifest, deployment, sources, archive);
            Log.Info($"Restoring {archive} (platform {manifest.Platform}, deployment '{manifest.Deployment}', taken {manifest.Created:u}) into '{deployment.Name}'");

            var data = sources.DataServices.ToList();
            var missing = await engine.StartAsync(deployment, data, ct);
            if (missing.Count > 0)
                throw new InvalidOperationException($"Deployment '{deployment.Name}' has no {string.Join(", ", missing)} on the {engine.Description} to restore into: deploy it first ('./build.sh Deploy --deployment {deployment.Name}'), then Restore.");
            await engine.WaitReadyAsync(deployment, data, readyDeadline, ct);
            var application = BackupSources.ApplicationServices(deployment, sources).Select(s => s.Name).ToList();
            if (application.Count > 0)
            {
                Log.Info($"Stopping the application while the data is written: {string.Join(", ", application)}");
                await engine.StopAsync(deployment, application, ct);
            }
            foreach (var source in sources.Databases.Where(d => manifest.Databases.ContainsKey(d.Service)))
            {
                await ExecFromFileAsync(engine, deployment, new ServiceExec(source.Service, DatabaseCommands.Load()), Path.Combine(staging, source.ArchivePath), $"loading the dump into {source.Service}", ct);
                Log.Info($"Restored {source.Service}: {string.Join(", ", manifest.Databases[source.Service])}");
            }
            foreach (var volume in sources.Volumes.Where(v => manifest.Volumes.ContainsKey(v.Claim)))
            {
                // The volume is emptied first: files made after the backup must not survive it.
                string[] command = ["sh", "-c", "find \"$0\" -mindepth 1 -delete && exec tar -C \"$0\" -xf -", volume.MountPath];
                await ExecFromFileAsync(engine, deployment, new ServiceExec(volume.Service, command), Path.Combine(staging, volume.ArchivePath), $"unpacking {volume.Claim} into {volume.Service}", ct);
                Log.Info($"Restored volume {volume.Claim} into {volume.Service}:{volume.MountPath}");
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }

        // The restored schema is the backup's: migrate it to this deployment's images (and seed again) before the application sees it.
        await Migrations.RunAsync(engine, deployment, readyDeadline, force: true, ct);
        await PlatformRollout.StartApplicationAsync(engine, deployment, readyDeadline, ct);
        Log.Success($"Restored {Path.GetFileName(archive)} into '{deployment.Name}' in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Refuses an archive that does not fit the deployment, naming every difference.</summary>
    static void Check(BackupManifest manifest, ClusterDeployment deployment, BackupSources sources, string archive)
    {
        var differences = new List<string>();
        if (manifest.Format != BackupManifest.CurrentFormat) differences.Add($"archive format {manifest.Format}, this pipeline reads {BackupManifest.CurrentFormat}");
        if (manifest.Platform != deployment.Platform.Name) differences.Add($"platform '{manifest.Platform}' in the archive, '{deployment.Platform.Name}' deployed (--platform)");
        foreach (var service in manifest.Databases.Keys.Where(s => sources.Databases.All(d => d.Service != s)))
            differences.Add($"database service '{service}' in the archive, none in the deployment");
        foreach (var claim in manifest.Volumes.Keys.Where(c => sources.Volumes.All(v => v.Claim != c)))
            differences.Add($"volume '{claim}' in the archive, none in the deployment");
        if (differences.Count > 0)
            throw new InvalidOperationException($"--backup {archive} does not fit deployment '{deployment.Name}' (platform {deployment.Platform.Name}, {deployment.Platform.SourceFile}):\n  "
                + string.Join("\n  ", differences) + "\nRestore it into a deployment of the platform it was taken from; nothing was changed.");
        foreach (var (service, image) in manifest.Images.Where(i => deployment.Images.Count > 0 && deployment.Services.Any(s => s.Name == i.Key) && deployment.ImageOf(deployment.Platform.Service(i.Key)) != i.Value))
            Log.Info($"{service}: the backup was taken with {image}; the deployment runs {deployment.ImageOf(deployment.Platform.Service(service))} (the migration steps bring the schema up to it)");
    }

    static async Task UnpackAsync(string archive, string staging, CancellationToken ct)
    {
        Directory.CreateDirectory(staging);
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await TarFile.ExtractToDirectoryAsync(gzip, staging, overwriteFiles: false, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
        {
            throw new InvalidOperationException($"--backup {archive} cannot be read as a .tar.gz ({e.Message}).", e);
        }
    }

    static async Task ExecFromFileAsync(IClusterEngine engine, ClusterDeployment deployment, ServiceExec exec, string path, string what, CancellationToken ct)
    {
        using var stderr = new MemoryStream();
        long exitCode;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            exitCode = await engine.ExecAsync(deployment, exec with { Stdin = file, Stderr = stderr }, ct);
        if (exitCode != 0)
            throw new InvalidOperationException($"Restore: {what} failed (exit code {exitCode}): {Encoding.UTF8.GetString(stderr.ToArray()).Trim()}\n"
                + "The application stays stopped; fix the cause and run Restore again.");
    }
}
