using Mooc.Platform.Cluster.Status;
using Mooc.Platform.Model;

namespace Mooc.Platform.Cluster;

/// <summary>
/// A place a platform runs: the local Docker engine, or a Kubernetes cluster. Every object an
/// engine makes carries the platform's and deployment's labels, and every list, update and removal
/// is scoped by them.
/// </summary>
public interface IClusterEngine
{
    /// <summary>A short name for logs, e.g. "local Docker engine" or "Kubernetes context prod".</summary>
    string Description { get; }

    /// <summary>
    /// Keeps two runs against one deployment from interleaving: held until disposed; a second run
    /// waits up to <paramref name="timeout"/> (saying who holds it), then fails naming the holder.
    /// </summary>
    Task<IAsyncDisposable> LockAsync(string platform, string deployment, string target, TimeSpan timeout, CancellationToken ct);

    /// <summary>Where this engine keeps the deployment's secret values (the runbook generates them).</summary>
    ISecretStore SecretStore(string platform, string deployment);

    /// <summary>The platform's public service as a URL this machine can reach, open until disposed.</summary>
    Task<PublicEntryPoint> OpenEntryPointAsync(ClusterDeployment deployment, CancellationToken ct);

    /// <summary>
    /// Makes the named services (all when <paramref name="services"/> is null; then services the
    /// platform no longer has are removed) run as the deployment says, in dependency order;
    /// unchanged ones are left alone. A service that must (re)start first waits, up to
    /// <paramref name="deadline"/>, for the services it depends on to be ready.
    /// </summary>
    Task<ApplyResult> ApplyAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan deadline, CancellationToken ct);

    /// <summary>Waits until the named services are ready, showing progress; on the deadline, diagnoses and throws.</summary>
    Task WaitReadyAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan deadline, CancellationToken ct);

    /// <summary>Runs a one-off step to completion (a container, or a Kubernetes Job) and returns its outcome and logs.</summary>
    Task<StepOutcome> RunStepAsync(ClusterDeployment deployment, MigrationStep step, TimeSpan deadline, CancellationToken ct);

    /// <summary>
    /// Runs a command in a running replica of a service and returns its exit code; fails with
    /// <see cref="ReplicaNotRunningException"/> when that replica does not run.
    /// </summary>
    Task<int> ExecAsync(ClusterDeployment deployment, ServiceExec exec, CancellationToken ct);

    /// <summary>Why a service is not ready: state, exit code, OOM kill, failing probe output, last log lines.</summary>
    Task<IReadOnlyList<ServiceDiagnosis>> DiagnoseAsync(ClusterDeployment deployment, string service, CancellationToken ct);

    /// <summary>The deployment as it runs now: each service's desired and ready replicas, image, age, restarts, why one is not ready; and its URLs.</summary>
    Task<DeploymentStatus> StatusAsync(PlatformDefinition platform, string deployment, CancellationToken ct);

    /// <summary>Removes the deployment; claims (volumes) and the engine's state are kept unless <paramref name="purge"/> (secrets are the runbook's: <see cref="PlatformRollout.RemoveAsync"/>).</summary>
    Task RemoveAsync(string platform, string deployment, bool purge, CancellationToken ct);

    /// <summary>
    /// Stops the named services (all when null), dependants first, keeping what Down removes: containers
    /// stay stopped on the local engine; on Kubernetes the workloads stay, scaled to zero. Data is untouched.
    /// </summary>
    Task StopAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct);

    /// <summary>Starts what <see cref="StopAsync"/> stopped, in dependency order, without waiting (<see cref="WaitReadyAsync"/> does); names the services it found nothing of.</summary>
    Task<IReadOnlyList<string>> StartAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct);

    /// <summary>The log of every replica of the named services (all when null), each a stream of timestamped lines, oldest first.</summary>
    Task<IReadOnlyList<ReplicaLog>> OpenLogsAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, LogOptions options, CancellationToken ct);

    /// <summary>A value the engine keeps with the deployment (e.g. what the last successful migration ran); null when none.</summary>
    Task<string?> ReadMarkerAsync(ClusterDeployment deployment, string key, CancellationToken ct);

    Task WriteMarkerAsync(ClusterDeployment deployment, string key, string value, CancellationToken ct);

    /// <summary>
    /// Kills replica <paramref name="replica"/> (1-based, in the order <see cref="ReplicasAsync"/> lists them) of a
    /// service as a crash would, without telling the service first; the engine's own machinery brings a new one.
    /// </summary>
    Task<KilledReplica> KillReplicaAsync(ClusterDeployment deployment, string service, int replica, CancellationToken ct);

    /// <summary>The machines the engine runs replicas on: the cluster's nodes; the local engine's one machine.</summary>
    Task<IReadOnlyList<string>> NodesAsync(CancellationToken ct);

    /// <summary>The service's replicas as the engine sees them now, each with whether it is ready, in a stable order.</summary>
    Task<IReadOnlyList<ReplicaState>> ReplicasAsync(ClusterDeployment deployment, string service, CancellationToken ct);
}

/// <summary>
/// A replica killed by <see cref="IClusterEngine.KillReplicaAsync"/>: which one (<see cref="Incarnation"/> tells it
/// from the replica that takes its place) and how the engine brings it back.
/// </summary>
public sealed record KilledReplica(string Instance, string Incarnation, string HowItComesBack);

/// <summary>One replica now: its name, what tells this run of it from an earlier or later one (a container's start, a pod's uid), and whether it is ready.</summary>
public sealed record ReplicaState(string Instance, string Incarnation, bool Ready);

public sealed record ApplyResult(IReadOnlyList<string> Created, IReadOnlyList<string> Replaced, IReadOnlyList<string> Started, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Removed)
{
    public static ApplyResult Nothing { get; } = new([], [], [], [], []);

    public bool ChangedNothing => Created.Count == 0 && Replaced.Count == 0 && Started.Count == 0 && Removed.Count == 0;
}

/// <summary>
/// How a step ended: its output in <see cref="Logs"/>; when it failed, <see cref="Diagnoses"/> says what the output
/// cannot (a pod never scheduled, an image never pulled, an OOM kill), as a rollout failure does.
/// </summary>
public sealed record StepOutcome(string Step, bool Succeeded, long ExitCode, IReadOnlyList<string> Logs, TimeSpan Duration)
{
    public IReadOnlyList<ServiceDiagnosis> Diagnoses { get; init; } = [];

    /// <summary>What a failure message shows: the output's last <paramref name="count"/> lines, then each diagnosis without its log (the output is that log).</summary>
    public IEnumerable<string> LastLines(int count) => Logs.TakeLast(count).Concat(Diagnoses.SelectMany(d => d.Describe(withLog: false).Split('\n')));
}

/// <summary>
/// One replica's (container's or pod's) story when it is not ready. <see cref="Reason"/> is the one
/// cause an engine could name (e.g. "ImagePullBackOff: ..."), <see cref="Events"/> what the cluster
/// recorded about it, oldest first; both optional, since a Docker container has neither.
/// </summary>
public sealed record ServiceDiagnosis(
    string Instance,
    string State,
    long? ExitCode,
    bool OomKilled,
    long RestartCount,
    string? HealthStatus,
    IReadOnlyList<string> FailingProbeOutput,
    IReadOnlyList<string> LastLogLines,
    string? Reason = null,
    IReadOnlyList<string>? Events = null)
{
    /// <param name="withLog">False leaves out the last log lines, for a caller that shows the replica's output already.</param>
    public string Describe(bool withLog = true)
    {
        var lines = new List<string>
        {
            $"{Instance}: state {State}" + (ExitCode is { } code ? (State == "running" ? $", last exit code {code}" : $", exit code {code}") : "") + (OomKilled ? ", OOM-killed (raise its memory limit)" : "")
                + (RestartCount > 0 ? $", restarted {RestartCount} times" : "") + (HealthStatus is { } h ? $", health {h}" : ""),
        };
        if (Reason is { } reason) lines.Add("  reason: " + reason);
        if (FailingProbeOutput.Count > 0)
        {
            lines.Add("  failing health check output:");
            lines.AddRange(FailingProbeOutput.Select(l => "    " + l));
        }
        if (Events is { Count: > 0 } events)
        {
            lines.Add($"  last {events.Count} events:");
            lines.AddRange(events.Select(e => "    " + e));
        }
        if (withLog)
        {
            lines.Add(LastLogLines.Count > 0 ? $"  last {LastLogLines.Count} log lines:" : "  (no log output)");
            lines.AddRange(LastLogLines.Select(l => "    " + l));
        }
        return string.Join('\n', lines);
    }
}
