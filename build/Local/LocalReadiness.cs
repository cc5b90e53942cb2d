using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>
/// Waits until every replica of the named services runs and passes its health check. A replica
/// in a crash loop fails the wait at once rather than at the deadline; either way the failing
/// replicas are diagnosed.
/// </summary>
public sealed class LocalReadiness(DockerClient client)
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);
    static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
    const int CrashLoopRestarts = 2;

    public async Task WaitAsync(ClusterDeployment deployment, IReadOnlyCollection<string> services, TimeSpan deadline, CancellationToken ct)
    {
        var pending = services
            .SelectMany(s => Enumerable.Range(1, ServiceOrder.Find(deployment, s).Replicas).Select(n => LocalNames.Container(deployment.Name, s, n)))
            .ToList();
        var clock = Stopwatch.StartNew();
        var waited = false;
        var wait = new Wait($"{string.Join(", ", services)} to be ready", deadline) { Interval = Poll, ReportEvery = ReportEvery };
        try
        {
            await wait.UntilAsync<bool>(async token =>
            {
                var states = new List<(string Container, string State)>();
                var crashing = new List<string>();
                foreach (var container in pending)
                {
                    var (ready, state, crashLooping) = await ProbeAsync(container, token);
                    if (crashLooping) crashing.Add($"{container} ({state})");
                    if (!ready) states.Add((container, state));
                    else if (waited) Log.Success($"{container} ready after {clock.Elapsed.TotalSeconds:0.0} s");
                }
                // Every replica that is not ready is diagnosed, not only the first to crash: replicas
                // of one service usually fail for one reason, and seeing them all says so.
                if (crashing.Count > 0)
                    await FailAsync($"{string.Join(", ", crashing)} {(crashing.Count == 1 ? "keeps" : "keep")} crashing", states.Select(s => s.Container), token);
                pending = states.Select(s => s.Container).ToList();
                waited = pending.Count > 0;
                return pending.Count == 0 ? Seen.Done(true) : Seen.NotYet(string.Join(", ", states.Select(s => $"{s.Container} ({s.State})")));
            }, ct);
        }
        catch (WaitTimeoutException timeout)
        {
            await FailAsync(timeout.Message, pending, ct);
        }
    }

    async Task<(bool Ready, string State, bool CrashLooping)> ProbeAsync(string container, CancellationToken ct)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await client.Containers.InspectContainerAsync(container, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return (false, "missing", false);
        }
        var state = inspect.State;
        var health = state.Health?.Status;
        var ready = IsReady(state);
        var description = state.Restarting ? "restarting" : health is { Length: > 0 } and not "none" ? $"{state.Status}, {health}" : state.Status;
        return (ready, description, inspect.RestartCount >= CrashLoopRestarts || HasStoppedForGood(inspect));
    }

    /// <summary>Running and, when it has a health check, healthy: what Kubernetes calls a ready pod.</summary>
    internal static bool IsReady(ContainerState state) =>
        state.Running && !state.Restarting && (state.Health?.Status is null or "" or "none" or "healthy");

    /// <summary>Exited and not coming back (a container without a restart policy, such as one made by hand): waiting longer cannot help.</summary>
    static bool HasStoppedForGood(ContainerInspectResponse inspect) =>
        inspect.State.Status is "exited" or "dead"
        && !inspect.State.Restarting
        && inspect.HostConfig.RestartPolicy.Name == RestartPolicyKind.No;

    async Task FailAsync(string summary, IEnumerable<string> containers, CancellationToken ct)
    {
        var diagnoses = new List<ServiceDiagnosis>();
        foreach (var container in containers) diagnoses.Add(await LocalDiagnosis.DiagnoseAsync(client, container, ct));
        foreach (var diagnosis in diagnoses) Log.Error(diagnosis.Describe());
        throw new ServiceNotReadyException(summary, diagnoses);
    }
}
