using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Mooc.Kubernetes.Rollout;

/// <summary>
/// Where a workload's rollout stands, judged from the object alone as <c>kubectl rollout status</c>
/// (kubectl's polymorphichelpers/rollout_status.go) judges Deployments and StatefulSets, and as
/// <c>kubectl wait --for=condition=complete</c> judges Jobs. <see cref="Message"/> is the progress
/// line, without the workload's name.
/// </summary>
public sealed record RolloutStatus(bool Done, bool Failed, string Message)
{
    const string DeploymentProgressing = "Progressing";
    const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    static RolloutStatus Waiting(string message) => new(false, false, message);
    static RolloutStatus Finished(string message) => new(true, false, message);
    static RolloutStatus Failure(string message) => new(false, true, message);

    public static RolloutStatus NotFound { get; } = Waiting("does not exist (yet)");

    public static RolloutStatus Of(V1Deployment deployment)
    {
        var status = deployment.Status ?? new V1DeploymentStatus();
        // Until the controller has seen the latest spec, the counts below describe the previous one.
        if ((deployment.Metadata.Generation ?? 0) > (status.ObservedGeneration ?? 0))
            return Waiting("waiting for the spec update to be observed");

        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == DeploymentProgressing);
        if (progressing?.Reason == ProgressDeadlineExceeded && !IsAboutAnEarlierSpec(progressing, deployment))
            return Failure($"exceeded its progress deadline ({deployment.Spec.ProgressDeadlineSeconds ?? 600} s): {progressing.Message}");

        var updated = status.UpdatedReplicas ?? 0;
        if (deployment.Spec.Replicas is { } wanted && updated < wanted)
            return Waiting($"{updated} of {wanted} new replicas have been updated");
        var replicas = status.Replicas ?? 0;
        if (replicas > updated)
            return Waiting($"{replicas - updated} old replicas are pending termination");
        var available = status.AvailableReplicas ?? 0;
        if (available < updated)
            return Waiting($"{available} of {updated} updated replicas are available");
        return Finished("successfully rolled out");
    }

    /// <summary>
    /// Where kubectl is wrong: after a change to a Deployment whose rollout had timed out (a rollback,
    /// a fixed image), the controller reports the new generation as observed while the Progressing
    /// condition still says ProgressDeadlineExceeded until the new pods show progress, and kubectl
    /// fails at once. A deadline can only be exceeded at least a second after the spec it is about
    /// was written, so a condition stamped no later than the last write to the spec (the newest
    /// managedFields entry touching spec, in the server's own clock) is about an earlier spec.
    /// </summary>
    static bool IsAboutAnEarlierSpec(V1DeploymentCondition progressing, V1Deployment deployment)
    {
        var specWritten = deployment.Metadata.ManagedFields?
            .Where(entry => entry.Time is not null && entry.Subresource is null or "" && TouchesSpec(entry))
            .Max(entry => entry.Time);
        return specWritten is { } written && progressing.LastUpdateTime is { } stamped && Truncate(stamped) <= Truncate(written);
    }

    static bool TouchesSpec(V1ManagedFieldsEntry entry) =>
        entry.FieldsV1 is { } fields && JsonNode.Parse(KubernetesJson.Serialize(fields)) is JsonObject set && set.ContainsKey("f:spec");

    /// <summary>Both times travel with whole seconds.</summary>
    static DateTime Truncate(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Kind);

    public static RolloutStatus Of(V1StatefulSet statefulSet)
    {
        var spec = statefulSet.Spec;
        var status = statefulSet.Status ?? new V1StatefulSetStatus();
        // kubectl cannot judge OnDelete: pods change only when someone deletes them, so waiting would be endless.
        if (spec.UpdateStrategy?.Type is { } strategy && strategy != "RollingUpdate")
            return Failure($"rollout status is only available for the RollingUpdate strategy, not {strategy}");
        if (status.ObservedGeneration is null or 0 || (statefulSet.Metadata.Generation ?? 0) > status.ObservedGeneration)
            return Waiting("waiting for the spec update to be observed");

        var ready = status.ReadyReplicas ?? 0;
        if (spec.Replicas is { } wanted && ready < wanted)
            return Waiting($"{ready} of {wanted} pods are ready");

        // The API server defaults rollingUpdate (partition 0), so in practice this branch decides, as in kubectl.
        if (spec.UpdateStrategy?.RollingUpdate is { } rolling)
        {
            var updated = status.UpdatedReplicas ?? 0;
            if (spec.Replicas is { } replicas && rolling.Partition is { } partition && updated < replicas - partition)
                return Waiting($"{updated} of {replicas - partition} new pods have been updated (partitioned roll out)");
            return Finished($"partitioned roll out complete: {updated} new pods have been updated");
        }
        if (status.UpdateRevision != status.CurrentRevision)
            return Waiting($"{status.UpdatedReplicas ?? 0} pods updated, waiting for the rolling update to revision {status.UpdateRevision} to complete");
        return Finished($"rolling update complete: {status.CurrentReplicas ?? 0} pods at revision {status.CurrentRevision}");
    }

    public static RolloutStatus Of(V1Job job)
    {
        var status = job.Status ?? new V1JobStatus();
        if (status.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True") is { } failed)
            return Failure($"failed: {failed.Reason}: {failed.Message}");
        if (status.Conditions?.Any(c => c.Type == "Complete" && c.Status == "True") == true)
            return Finished($"complete: {status.Succeeded ?? 0} succeeded");
        var completions = job.Spec.Completions ?? 1;
        return Waiting($"{status.Active ?? 0} active, {status.Succeeded ?? 0} of {completions} succeeded, {status.Failed ?? 0} failed");
    }
}
