using System.Text;

namespace Mooc.Platform.Cluster;

/// <summary>
/// A command run inside a running replica of a service (a container, or a pod's container), its
/// input and output streamed: how backups read a database, a shell reaches a service, and a test
/// counts what a run wrote. A null stream is no input, or output discarded.
/// </summary>
public sealed record ServiceExec(string Service, IReadOnlyList<string> Command)
{
    /// <summary>Which replica, from 1: the container's number locally, the Nth running pod by name on Kubernetes.</summary>
    public int Replica { get; init; } = 1;

    public Stream? Stdin { get; init; }

    public Stream? Stdout { get; init; }

    public Stream? Stderr { get; init; }

    /// <summary>A terminal for an interactive shell; output then arrives on <see cref="Stdout"/> alone.</summary>
    public bool Tty { get; init; }
}

public static class ServiceExecExtensions
{
    /// <summary>Runs a command to completion and returns its exit code and its output as text.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> ExecTextAsync(
        this IClusterEngine engine, ClusterDeployment deployment, string service, IReadOnlyList<string> command, CancellationToken ct)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var exit = await engine.ExecAsync(deployment, new ServiceExec(service, command) { Stdout = stdout, Stderr = stderr }, ct);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }
}

/// <summary>The service has no running replica with that number to run a command in.</summary>
public sealed class ReplicaNotRunningException(string message) : Exception(message);
