using k8s.Models;

namespace Mooc.Kubernetes;

/// <summary>
/// What "ready" means for a server pod, in one place: running, not on its way out, and its Ready
/// condition true, as a Service judges which pods get traffic. A terminating pod is not ready even
/// while its condition still says so: a port-forward must not pick it, and a replica count must not
/// count it. A Job's pod is never ready; it <see cref="Succeeded"/> or not.
/// </summary>
public static class PodReadiness
{
    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Phase == "Running"
        && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>
    /// Whether any of the pod's containers has run (runs, ended, or ended before a restart): it has a
    /// log to read, and a Job's command has begun, so the Job must not be deleted as if it never ran.
    /// </summary>
    public static bool HasRun(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.Any(c => c.State?.Running is not null || c.State?.Terminated is not null || c.LastState?.Terminated is not null) == true;

    /// <summary>A Job's pod that ran to a zero exit: done, nothing to diagnose.</summary>
    public static bool Succeeded(V1Pod pod) => pod.Status?.Phase == "Succeeded";
}
