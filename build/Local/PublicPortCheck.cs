using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>
/// Checked before a deploy replaces anything: the public port on 127.0.0.1 must be free or held by this
/// deployment's own entry point. Otherwise the deploy would remove the running nginx and then fail to bind,
/// leaving the site down until the next deploy. The error names what holds the port when it can be found:
/// a container (and its deployment), or a process (from /proc, which needs root for other users' processes).
/// Preflight asks the same question (<see cref="HolderAsync"/>) before anything is built.
/// </summary>
internal static class PublicPortCheck
{
    public static async Task CheckAsync(DockerClient client, ClusterDeployment deployment, int port, CancellationToken ct)
    {
        if (!deployment.Services.Any(s => s.Public is not null)) return;
        if (await HolderAsync(client, deployment.Name, port, ct) is { Ours: false } holder) throw Busy(deployment, port, holder.Description);
    }

    /// <summary>What holds 127.0.0.1:<paramref name="port"/>: null when it is free; <see cref="PortHolder.Ours"/> when the deployment's own container publishes it.</summary>
    public static async Task<PortHolder?> HolderAsync(DockerClient client, string deployment, int port, CancellationToken ct)
    {
        var publishing = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["publish"] = new Dictionary<string, bool> { [$"{port}/tcp"] = true } },
        }, ct);
        var other = publishing.FirstOrDefault(c => c.Labels.Label(LabelNames.Instance) != deployment || c.Labels.Label(LabelNames.ManagedBy) != LabelNames.ManagedByValue);
        if (other is not null)
        {
            var owner = other.Labels.Label(LabelNames.ManagedBy) == LabelNames.ManagedByValue && other.Labels.Label(LabelNames.Instance) is { } name
                ? $", the entry point of deployment '{name}'" : "";
            return new PortHolder($"container {LocalCluster.NameOf(other)}{owner}", Ours: false);
        }
        if (publishing.FirstOrDefault() is { } own) return new PortHolder($"this deployment's {LocalCluster.NameOf(own)}", Ours: true);
        if (IsFree(port)) return null;
        return new PortHolder(ListeningProcess(port) ?? "a program this user cannot see (run as root, or 'ss -ltnp' shows it)", Ours: false);
    }

    /// <param name="Description">"container mooc-x-nginx-1, the entry point of deployment 'x'", "process 1234 (python3 ...)".</param>
    public sealed record PortHolder(string Description, bool Ours);

    static InvalidOperationException Busy(ClusterDeployment deployment, int port, string holder) => new(
        $"Public port {port} (127.0.0.1:{port}) is held by {holder}. Nothing of deployment '{deployment.Name}' was changed, so what runs keeps running. " +
        $"Deploy with another --public-port, or stop what holds port {port} and deploy again.");

    static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>"process 1234 (python3 -m http.server 18091)", from the listening socket's inode in /proc/net/tcp[6]; null when not found.</summary>
    static string? ListeningProcess(int port)
    {
        var inodes = new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 9 && f[3] == "0A" && f[1].Split(':') is [_, var hex] && int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) && p == port)
            .Select(f => $"socket:[{f[9]}]")
            .ToHashSet();
        if (inodes.Count == 0) return null;
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is not { } target || !inodes.Contains(target)) continue;
                    var command = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ').Trim();
                    return $"process {Path.GetFileName(process)} ({command})";
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended meanwhile, or one this user may not look into.
            }
        }
        return null;
    }
}
