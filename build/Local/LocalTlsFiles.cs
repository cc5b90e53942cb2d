using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>
/// The deployment's certificate and key as files the public service's container mounts read-only (the local engine's
/// counterpart of a Kubernetes Secret volume): .nuke/temp/secrets/&lt;deployment&gt;.tls/, a directory only its owner can
/// enter. The files inside are world-readable because the container's user (nginx runs as www-data) differs from
/// the host's, and a bind mount keeps host ownership; the directory is what keeps other host users out.
/// </summary>
public static class LocalTlsFiles
{
    public static string Directory(string deployment) => Path.Combine(RepositoryPaths.Temp, "secrets", deployment + ".tls");

    public static string CertificatePath(string deployment) => Path.Combine(Directory(deployment), "tls.crt");
    public static string KeyPath(string deployment) => Path.Combine(Directory(deployment), "tls.key");

    public static async Task WriteAsync(ClusterDeployment deployment, CancellationToken ct)
    {
        if (deployment.Tls is not { } tls) return;
        var directory = Directory(deployment.Name);
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(directory);
        else System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await WriteFileAsync(CertificatePath(deployment.Name), tls.CertificatePem, ct);
        await WriteFileAsync(KeyPath(deployment.Name), tls.KeyPem, ct);
    }

    static async Task WriteFileAsync(string path, string text, CancellationToken ct)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, ct) == text) return;
        await File.WriteAllTextAsync(path, text, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public static void Delete(string deployment)
    {
        if (System.IO.Directory.Exists(Directory(deployment))) System.IO.Directory.Delete(Directory(deployment), recursive: true);
    }
}
