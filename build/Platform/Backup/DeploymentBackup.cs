using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Backup;

/// <summary>
/// The Backup target: every database of the deployment dumped in one consistent transaction, every
/// other claim archived as files, streamed from the containers to disk (never held in memory), then
/// packed with a manifest into &lt;deployment&gt;-&lt;UTC time&gt;.tar.gz. The running platform keeps serving.
/// </summary>
public static class DeploymentBackup
{
    public static async Task<string> CreateAsync(IClusterEngine engine, ClusterDeployment deployment, string directory, string reason, CancellationToken ct)
    {
        var sources = BackupSources.Of(deployment);
        if (sources.IsEmpty) throw new InvalidOperationException($"Platform '{deployment.Platform.Name}' ({deployment.Platform.SourceFile}) has no database and no volume: there is nothing to back up.");
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        var created = DateTimeOffset.UtcNow;
        var archive = Path.Combine(directory, $"{deployment.Name}-{created:yyyyMMdd-HHmmss}.tar.gz");
        var staging = Path.Combine(directory, $".{Path.GetFileName(archive)}.partial");
        Directory.CreateDirectory(staging);
        try
        {
            var databases = new Dictionary<string, IReadOnlyList<string>>();
            var schema = new Dictionary<string, IReadOnlyDictionary<string, string>>();
            foreach (var source in sources.Databases)
            {
                var names = await DatabasesOfAsync(engine, deployment, source, ct);
                databases[source.Service] = names;
                foreach (var (database, versions) in await SchemaVersionsAsync(engine, deployment, source, names, ct)) schema[$"{source.Service}/{database}"] = versions;
                var dump = Path.Combine(staging, source.ArchivePath);
                await ExecToFileAsync(engine, deployment, new ServiceExec(source.Service, DatabaseCommands.Dump(names)), dump, $"dumping {string.Join(", ", names)} of {source.Service}", ct);
                Log.Info($"Dumped {source.Service}: {string.Join(", ", names)} ({ByteSize.Format(new FileInfo(dump).Length)})");
            }
            foreach (var volume in sources.Volumes)
            {
                var path = Path.Combine(staging, volume.ArchivePath);
                await ExecToFileAsync(engine, deployment, new ServiceExec(volume.Service, ["tar", "-C", volume.MountPath, "-cf", "-", "."]), path, $"archiving {volume.Claim} from {volume.Service}", ct);
                Log.Info($"Archived volume {volume.Claim} from {volume.Service}:{volume.MountPath} ({ByteSize.Format(new FileInfo(path).Length)})");
            }
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, deployment.Platform.Name, deployment.Name, created, reason,
                deployment.Services.ToDictionary(s => s.Name, deployment.ImageOf),
                await engine.ReadMarkerAsync(deployment, Migrations.MarkerKey, ct), schema, databases,
                sources.Volumes.ToDictionary(v => v.Claim, v => v.Service));
            await File.WriteAllTextAsync(Path.Combine(staging, BackupManifest.FileName), manifest.ToJson(), ct);
            await PackAsync(staging, archive, ct);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
        Log.Success($"Backup of '{deployment.Name}' in {clock.Elapsed.TotalSeconds:0.0} s: {archive} ({ByteSize.Format(new FileInfo(archive).Length)})");
        return archive;
    }

    /// <summary>
    /// Whether the migration steps are about to run again on data that exists: the data was migrated
    /// before (the engine's marker), by other steps, images, commands or settings than these.
    /// </summary>
    public static async Task<bool> IsDueBeforeMigratingAsync(IClusterEngine engine, ClusterDeployment deployment, CancellationToken ct) =>
        deployment.Steps.Count > 0 && !BackupSources.Of(deployment).IsEmpty
        && await engine.ReadMarkerAsync(deployment, Migrations.MarkerKey, ct) is { } marker
        && marker != Migrations.Fingerprint(deployment);

    static async Task<IReadOnlyList<string>> DatabasesOfAsync(IClusterEngine engine, ClusterDeployment deployment, DatabaseSource source, CancellationToken ct)
    {
        var output = await TextAsync(engine, deployment, source.Service, DatabaseCommands.ListDatabases(), $"listing the databases of {source.Service}", ct);
        return Lines(output).Where(d => !DatabaseCommands.SystemDatabases.Contains(d)).ToList();
    }

    /// <summary>The schema's version per database that Django migrates: each app's latest applied migration.</summary>
    static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> SchemaVersionsAsync(IClusterEngine engine, ClusterDeployment deployment, DatabaseSource source, IReadOnlyList<string> databases, CancellationToken ct)
    {
        var migrated = Lines(await TextAsync(engine, deployment, source.Service, DatabaseCommands.TablesNamed("django_migrations"), "finding django_migrations", ct)).ToHashSet();
        var versions = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var database in databases.Where(migrated.Contains))
        {
            var rows = Lines(await TextAsync(engine, deployment, source.Service, DatabaseCommands.SchemaVersions(database), $"reading the schema version of {database}", ct));
            versions[database] = rows.Select(r => r.Split('\t', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        }
        return versions;
    }

    static async Task<string> TextAsync(IClusterEngine engine, ClusterDeployment deployment, string service, IReadOnlyList<string> command, string what, CancellationToken ct)
    {
        var (exitCode, stdout, stderr) = await engine.ExecTextAsync(deployment, service, command, ct);
        if (exitCode != 0) throw new InvalidOperationException($"Backup: {what} failed in {service} (exit code {exitCode}): {stderr.Trim()}");
        return stdout;
    }

    /// <summary>The command's output straight to a file; its error output kept (small) for the message when it fails.</summary>
    static async Task ExecToFileAsync(IClusterEngine engine, ClusterDeployment deployment, ServiceExec exec, string path, string what, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stderr = new MemoryStream();
        long exitCode;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            exitCode = await engine.ExecAsync(deployment, exec with { Stdout = file, Stderr = stderr }, ct);
        if (exitCode != 0) throw new InvalidOperationException($"Backup: {what} failed (exit code {exitCode}): {Encoding.UTF8.GetString(stderr.ToArray()).Trim()}");
    }

    /// <summary>Written beside the archive and renamed at the end: an archive under its final name is always whole.</summary>
    static async Task PackAsync(string staging, string archive, CancellationToken ct)
    {
        var partial = archive + ".partial";
        await using (var file = File.Create(partial))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await TarFile.CreateFromDirectoryAsync(staging, gzip, includeBaseDirectory: false, ct);
        File.Move(partial, archive);
    }

    static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
