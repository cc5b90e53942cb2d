using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Docker;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>What a container's state, health checks and log say about why it is not ready.</summary>
public static class LocalDiagnosis
{
    public const int LogLines = 30;

    public static async Task<ServiceDiagnosis> DiagnoseAsync(DockerClient client, string container, CancellationToken ct)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await client.Containers.InspectContainerAsync(container, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return new ServiceDiagnosis(container, "missing (never created, or removed)", null, false, 0, null, [], []);
        }

        var state = inspect.State;
        var failing = state.Health?.Log?.Where(r => r.ExitCode != 0).TakeLast(2)
            .SelectMany(r => $"exit {r.ExitCode} at {r.End:HH:mm:ss}: {r.Output}".TrimEnd().Split('\n')).ToList() ?? [];
        var logs = await ContainerLogs.TailAsync(client, inspect.ID, LogLines, ct);
        // A restarting container counts as running to Docker, but its exit code is the one of the run that just ended.
        var exited = !state.Running || state.Restarting;
        return new ServiceDiagnosis(
            container,
            state.Restarting ? "restarting" : state.Status,
            exited ? state.ExitCode : await LastExitCodeAsync(client, inspect, ct),
            state.OOMKilled,
            inspect.RestartCount,
            state.Health?.Status,
            failing,
            logs);
    }

    /// <summary>
    /// The exit code of the run before this one, from the engine's last "die" event for the container: Docker clears
    /// the exit code when it restarts a container, so a crash loop caught while running would otherwise show none.
    /// Null when the container never died (or the engine's event log no longer holds it).
    /// </summary>
    static async Task<long?> LastExitCodeAsync(DockerClient client, ContainerInspectResponse inspect, CancellationToken ct)
    {
        if (inspect.RestartCount == 0) return null;
        string? exitCode = null;
        await client.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Since = new DateTimeOffset(inspect.Created).ToUnixTimeSeconds().ToString(),
            Until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString(),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["container"] = new Dictionary<string, bool> { [inspect.ID] = true },
                ["event"] = new Dictionary<string, bool> { ["die"] = true },
            },
        }, new ImmediateProgress<Message>(m =>
        {
            if (m.Actor?.Attributes?.TryGetValue("exitCode", out var code) == true) exitCode = code;
        }), ct);
        return long.TryParse(exitCode, out var code) ? code : null;
    }
}
