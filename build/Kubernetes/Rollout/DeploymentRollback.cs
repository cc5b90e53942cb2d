using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mooc.Kubernetes.Diagnosis;

namespace Mooc.Kubernetes.Rollout;

/// <summary>What a rollback did: the revision the Deployment went back to, or why it could not.</summary>
public sealed record RollbackOutcome(bool RolledBack, long? Revision, string Description)
{
    public override string ToString() => Description;
}

/// <summary>
/// Puts a Deployment back to its previous revision as <c>kubectl rollout undo</c> does: among the
/// ReplicaSets it controls, the one with the second highest <c>deployment.kubernetes.io/revision</c>
/// holds the previous pod template; that template (without the controller's pod-template-hash
/// label) becomes the Deployment's again, and the controller rolls back to those pods.
/// </summary>
public static class DeploymentRollback
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>
    /// The rollback's own field manager. The write is a JSON patch (an update, as kubectl's), not an
    /// apply under the pipeline's manager: an apply would have to restate every field the pipeline
    /// owns, which only the pipeline's rendered objects know. The next server-side apply by the
    /// pipeline (forced, as it applies) takes back every field its configuration names and sets it
    /// to the desired value; a field only the rolled-back revision had stays, owned by this manager,
    /// until that apply names it.
    /// </summary>
    public const string FieldManager = "mooc-rollback";

    public static async Task<RollbackOutcome> RollBackAsync(IKubernetes client, string @namespace, string deploymentName, CancellationToken ct)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(deploymentName, @namespace, cancellationToken: ct);
        if (deployment.Spec.Paused == true)
            return new(false, null, $"{deploymentName} is paused; resume it (kubectl rollout resume deployment/{deploymentName}) before rolling it back.");

        var replicaSets = await client.AppsV1.ListNamespacedReplicaSetAsync(@namespace, labelSelector: LabelSelectorText.Of(deployment.Spec.Selector), cancellationToken: ct);
        var revisions = replicaSets.Items
            .Where(rs => rs.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true)
            .Select(rs => (Revision: Revision(rs.Metadata), ReplicaSet: rs))
            .Where(r => r.Revision is not null)
            .OrderBy(r => r.Revision)
            .ToList();
        if (revisions.Count < 2)
            return new(false, null, $"{deploymentName} has no previous revision to go back to" + (revisions.Count == 1 ? $" (revision {revisions[0].Revision} is its only one)." : "."));

        var (previous, replicaSet) = revisions[^2];
        var template = replicaSet.Spec.Template;
        template.Metadata?.Labels?.Remove(PodTemplateHashLabel);
        if (SameTemplate(template, deployment.Spec.Template))
            return new(false, previous, $"{deploymentName} already runs the template of revision {previous}; nothing to roll back.");

        var patch = new JsonArray(
            // Fails rather than overwrite a change made since the read (a concurrent apply).
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = deployment.Metadata.ResourceVersion },
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = JsonNode.Parse(KubernetesJson.Serialize(template)) });
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), deploymentName, @namespace,
            fieldManager: FieldManager, cancellationToken: ct);
        var images = string.Join(", ", template.Spec.Containers.Select(c => $"{c.Name}: {c.Image}"));
        return new(true, previous, $"{deploymentName} back to revision {previous} ({images})");
    }

    static long? Revision(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(RevisionAnnotation, out var text) == true && long.TryParse(text, out var revision) ? revision : null;

    static bool SameTemplate(V1PodTemplateSpec a, V1PodTemplateSpec b) =>
        JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(a)), JsonNode.Parse(KubernetesJson.Serialize(b)));
}
