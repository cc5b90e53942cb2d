using System.Text;
using Docker.DotNet;
using Mooc.Build;

namespace Mooc.Local;

/// <summary>
/// Values kept with a deployment (what the last successful migration ran), in
/// .nuke/temp/state/&lt;deployment&gt;/. Each is bound to the identity of the deployment's volumes
/// (names and the id each got at creation): when the data is purged or recreated, the marker no longer counts.
/// </summary>
public static class LocalMarkers
{
    public static string DirectoryOf(string deployment) => Path.Combine(RepositoryPaths.Temp, "state", deployment);

    public static async Task<string?> ReadAsync(DockerClient client, string platform, string deployment, string key, CancellationToken ct)
    {
        var path = Path.Combine(DirectoryOf(deployment), key);
        if (!File.Exists(path)) return null;
        var lines = await File.ReadAllLinesAsync(path, ct);
        if (lines.Length != 2) return null;
        return lines[1] == await StorageIdentityAsync(client, platform, deployment, ct) ? lines[0] : null;
    }

    public static async Task WriteAsync(DockerClient client, string platform, string deployment, string key, string value, CancellationToken ct)
    {
        var directory = DirectoryOf(deployment);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, key);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, value + "\n" + await StorageIdentityAsync(client, platform, deployment, ct) + "\n", ct);
        File.Move(temporary, path, overwrite: true);
    }

    public static void DeleteAll(string deployment)
    {
        var directory = DirectoryOf(deployment);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    static async Task<string> StorageIdentityAsync(DockerClient client, string platform, string deployment, CancellationToken ct)
    {
        var volumes = await LocalStorage.ListVolumesAsync(client, platform, deployment, ct);
        var identity = new StringBuilder();
        foreach (var volume in volumes.OrderBy(v => v.Name, StringComparer.Ordinal))
            identity.Append(volume.Name).Append('@').Append(volume.Labels.Label(LabelNames.VolumeId) ?? volume.CreatedAt).Append(';');
        return identity.Length == 0 ? "no-volumes" : identity.ToString();
    }
}
