using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
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

        // Docker clears the exit code when it restarts a container: catch a crash loop between runs to show it.
        if (inspect.RestartCount > 0 && inspect.State.Running && !inspect.State.Restarting)
            inspect = await CatchBetweenRunsAsync(client, container, ct) ?? inspect;

        var state = inspect.State;
        var failing = state.Health?.Log?.Where(r => r.ExitCode != 0).TakeLast(2)
            .SelectMany(r => $"exit {r.ExitCode} at {r.End:HH:mm:ss}: {r.Output}".TrimEnd().Split('\n')).ToList() ?? [];
        var logs = await ContainerLogs.TailAsync(client, inspect.ID, LogLines, ct);
        // A restarting container counts as running to Docker, but its exit code is the one of the run that just ended.
        var exited = !state.Running || state.Restarting;
        return new ServiceDiagnosis(
            container,
            state.Restarting ? "restarting" : state.Status,
            exited ? state.ExitCode : null,
            state.OOMKilled,
            inspect.RestartCount,
            state.Health?.Status,
            failing,
            logs);
    }

    /// <summary>The container seen between two runs of its crash loop, or null when it kept running that long.</summary>
    static async Task<ContainerInspectResponse?> CatchBetweenRunsAsync(DockerClient client, string container, CancellationToken ct)
    {
        var wait = new Wait($"{container} to stop between restarts", TimeSpan.FromSeconds(3)) { Interval = TimeSpan.FromMilliseconds(200) };
        try
        {
            return await wait.UntilAsync<ContainerInspectResponse>(async token =>
            {
                var inspect = await client.Containers.InspectContainerAsync(container, token);
                return inspect.State.Running && !inspect.State.Restarting ? Seen.NotYet(inspect.State.Status) : Seen.Done(inspect);
            }, ct);
        }
        catch (WaitTimeoutException)
        {
            return null;
        }
    }
}
