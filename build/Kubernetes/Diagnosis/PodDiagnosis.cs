using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Platform.Cluster;

namespace Mooc.Kubernetes.Diagnosis;

/// <summary>
/// Why a workload's pods are not ready, told the same way the local engine tells it of a container:
/// phase, the one reason Kubernetes gives (image pull, crash loop, OOM kill, scheduling, a failing
/// probe), restarts, the pod's recent events and its last log lines (the previous run's when it
/// crash-loops, since the current one has not started). Pods are found by the workload's selector,
/// never by namespace.
/// </summary>
public static class PodDiagnosis
{
    public const int LogLines = 30;
    public const int EventCount = 10;

    static readonly HashSet<string> ImagePullReasons = ["ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull", "InvalidImageName"];

    /// <summary>The pods <paramref name="selector"/> selects that are not ready (<see cref="PodReadiness"/>; a terminating one included, as it may be stuck), save a Job's pod that succeeded.</summary>
    public static Task<IReadOnlyList<ServiceDiagnosis>> DiagnoseAsync(IKubernetes client, string @namespace, V1LabelSelector selector, CancellationToken ct) =>
        DiagnoseAsync(client, @namespace, LabelSelectorText.Of(selector), ct);

    /// <summary>The pods the label selector text <paramref name="selector"/> selects that are not ready.</summary>
    public static async Task<IReadOnlyList<ServiceDiagnosis>> DiagnoseAsync(IKubernetes client, string @namespace, string selector, CancellationToken ct)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: selector, cancellationToken: ct);
        var diagnoses = new List<ServiceDiagnosis>();
        foreach (var pod in pods.Items.Where(p => !PodReadiness.IsReady(p) && !PodReadiness.Succeeded(p)).OrderBy(p => p.Metadata.CreationTimestamp))
            diagnoses.Add(await DiagnosePodAsync(client, pod, ct));
        return diagnoses;
    }

    /// <summary>
    /// What holds the pod up, read from its status alone (no events, no log): not schedulable, an image that cannot be
    /// pulled, a crash loop, a non-zero exit; null while nothing is wrong yet (scheduled, creating its container).
    /// Cheap enough to ask on every look of a wait.
    /// </summary>
    public static string? BlockingReason(V1Pod pod) => Reason(pod, Culprit(Containers(pod)), []);

    public static async Task<ServiceDiagnosis> DiagnosePodAsync(IKubernetes client, V1Pod pod, CancellationToken ct)
    {
        var containers = Containers(pod);
        var culprit = Culprit(containers);
        var events = await EventsAsync(client, pod, ct);
        var probeFailures = events.Where(e => e.Reason == "Unhealthy").Select(e => e.Message.Trim()).Distinct().TakeLast(2).ToList();
        var terminated = culprit?.State?.Terminated ?? culprit?.LastState?.Terminated;
        return new ServiceDiagnosis(
            Instance: pod.Metadata.Name,
            State: State(pod, culprit),
            ExitCode: terminated?.ExitCode,
            OomKilled: terminated?.Reason == "OOMKilled",
            RestartCount: containers.Sum(c => (long)c.RestartCount),
            HealthStatus: null,
            FailingProbeOutput: probeFailures,
            LastLogLines: culprit is null ? [] : await LogTailAsync(client, pod, culprit, ct),
            Reason: Reason(pod, culprit, probeFailures),
            Events: events.Select(Describe).ToList());
    }

    static List<V1ContainerStatus> Containers(V1Pod pod) =>
        (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []).ToList();

    /// <summary>The container to blame: the first one (init containers first) that is neither ready nor done.</summary>
    static V1ContainerStatus? Culprit(IReadOnlyList<V1ContainerStatus> containers) =>
        containers.FirstOrDefault(c => !c.Ready && c.State?.Terminated?.ExitCode != 0) ?? containers.FirstOrDefault();

    static string State(V1Pod pod, V1ContainerStatus? container)
    {
        var phase = (pod.Status?.Phase ?? "Unknown") + (pod.Metadata.DeletionTimestamp is null ? "" : " (terminating)");
        if (container?.State is not { } state) return phase;
        var detail = state.Waiting is { } waiting ? $"waiting ({waiting.Reason})"
            : state.Terminated is { } terminated ? $"terminated ({terminated.Reason})"
            : container.Ready ? "running" : "running, not ready";
        return $"{phase}, container {container.Name} {detail}";
    }

    static string? Reason(V1Pod pod, V1ContainerStatus? container, IReadOnlyList<string> probeFailures)
    {
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") is { } unschedulable)
            return $"Unschedulable: {unschedulable.Message} {SchedulingAdvice(unschedulable.Message)}";
        if (container is null) return null;
        var lastExit = container.LastState?.Terminated;
        if (container.State?.Waiting is { Reason: { } reason } waiting)
        {
            if (ImagePullReasons.Contains(reason))
                return $"{reason}: image {container.Image} cannot be pulled ({waiting.Message}). Check the image name and tag, and that the node can reach its registry.";
            if (reason == "CrashLoopBackOff") return CrashLoop("CrashLoopBackOff", container, lastExit);
            if (reason != "ContainerCreating" && reason != "PodInitializing")
                return $"{reason}: {waiting.Message}";
        }
        var exit = container.State?.Terminated;
        // Between two back-offs of a crash loop the kubelet shows the container starting or just exited, not CrashLoopBackOff.
        if (container.RestartCount > 0 && (exit ?? lastExit) is { ExitCode: not 0 } crash && !container.Ready)
            return CrashLoop("crash loop", container, crash);
        if (exit is { ExitCode: not 0 })
            return $"container {container.Name} exited with code {exit.ExitCode} ({exit.Reason})" + (exit.Reason == "OOMKilled" ? "; it was OOM-killed: raise its memory limit" : "");
        if (probeFailures.Count > 0) return "failing probe: " + probeFailures[^1];
        if (lastExit?.Reason == "OOMKilled") return $"OOMKilled: container {container.Name} ran out of memory and was restarted; raise its memory limit";
        return null;
    }

    /// <summary>What to do about the scheduler's message: it names what is short, not where the platform asks for it.</summary>
    static string SchedulingAdvice(string? message) =>
        message?.Contains("Insufficient", StringComparison.Ordinal) == true
            ? "Lower the service's resources.requests (or its replicas) in the platform's platform.yaml, or add nodes; ./build.sh Preflight --cluster CONTEXT shows what fits where."
            : message?.Contains("unbound", StringComparison.OrdinalIgnoreCase) == true
                ? "Its volume claim is not bound: deploy with --volumes static --volume-root PATH, or give the cluster a default StorageClass (or name one with --storage-class)."
                : "kubectl describe nodes shows what the scheduler needs (taints, labels a node selector or affinity asks for).";

    static string CrashLoop(string reason, V1ContainerStatus container, V1ContainerStateTerminated? lastExit) =>
        $"{reason}: container {container.Name} keeps exiting (restarted {container.RestartCount} times"
        + (lastExit is null ? ")" : $", last exit code {lastExit.ExitCode}, {lastExit.Reason})")
        + (lastExit?.Reason == "OOMKilled" ? "; it was OOM-killed: raise its memory limit" : "; its last run's log is below");

    static async Task<IReadOnlyList<Corev1Event>> EventsAsync(IKubernetes client, V1Pod pod, CancellationToken ct)
    {
        var events = await client.CoreV1.ListNamespacedEventAsync(pod.Metadata.NamespaceProperty,
            fieldSelector: $"involvedObject.uid={pod.Metadata.Uid}", cancellationToken: ct);
        return events.Items.OrderBy(When).TakeLast(EventCount).ToList();
    }

    static DateTime When(Corev1Event e) => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp ?? DateTime.MinValue;

    static string Describe(Corev1Event e) =>
        $"{When(e):HH:mm:ss} {e.Type} {e.Reason}: {e.Message?.Trim()}" + (e.Count is > 1 ? $" (x{e.Count})" : "");

    static async Task<IReadOnlyList<string>> LogTailAsync(IKubernetes client, V1Pod pod, V1ContainerStatus container, CancellationToken ct)
    {
        var crashLooping = container.State?.Waiting is not null && container.LastState?.Terminated is not null;
        // A container that has never run (pulling, pending) has no log to ask for.
        if (container.State?.Waiting is not null && !crashLooping) return [];
        try
        {
            await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, pod.Metadata.NamespaceProperty,
                container: container.Name, previous: crashLooping, tailLines: LogLines, cancellationToken: ct);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(ct);
            return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).TakeLast(LogLines).ToList();
        }
        catch (HttpOperationException e)
        {
            // The kubelet may have let go of the log between the status and this call; say so rather than fail the diagnosis.
            return [$"(log unavailable: {e.Response?.Content ?? e.Message})"];
        }
    }
}
