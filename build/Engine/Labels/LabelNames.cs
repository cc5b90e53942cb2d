namespace Mooc.Build;

/// <summary>
/// Every label key the pipeline puts on what it makes (Kubernetes objects, the local engine's
/// containers, networks and volumes, images, and whatever a run makes for itself), defined once.
/// Every list, wait and removal is scoped by these labels, never by names alone.
/// </summary>
public static class LabelNames
{
    // Kubernetes' recommended labels: on rendered objects and on the local engine's objects alike.
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "mooc-build";

    /// <summary>On migration Job pods: the service whose image, env and secrets the step runs with (network policies let it reach what that service reaches).</summary>
    public const string RunsAs = "mooc.build/runs-as";

    /// <summary>On Jobs: the step's position in the platform's migration order (1-based).</summary>
    public const string StepOrder = "mooc.build/step-order";

    /// <summary>
    /// On objects the Kubernetes engine applies: a hash of what it applied. A later deploy that would
    /// apply the same, to an object no one else has changed since, sends nothing (an apply that changes
    /// nothing still moves the resourceVersion on older servers).
    /// </summary>
    public const string AppliedHash = "mooc.build/applied-hash";

    /// <summary>On pod templates: hash of the service's ConfigMap, so a config change rolls the pods.</summary>
    public const string ConfigHash = "mooc.build/config-hash";

    /// <summary>On rendered PersistentVolumes ("true"): the volume holds a deployment's data; no prune or Down deletes it.</summary>
    public const string HoldsData = "mooc.build/holds-data";

    /// <summary>On local containers: "service" (a replica) or "step" (a one-off migration or seed step).</summary>
    public const string Role = "mooc.role";
    public const string Replica = "mooc.replica";
    public const string SpecHash = "mooc.spec-hash";
    public const string Step = "mooc.step";
    public const string Claim = "mooc.claim";

    /// <summary>On local volumes: a random id given at creation, so a volume made anew is told from the one it replaces (Docker's CreatedAt is not stable: it follows the volume directory's modification time).</summary>
    public const string VolumeId = "mooc.volume-id";

    // On images: what they were built from.
    public const string Recipe = "org.mooc.recipe";
    public const string ContentHash = "org.mooc.hash";
    public const string SourceCommit = "org.mooc.source-commit";

    /// <summary>On an image build's containers and network.</summary>
    public const string Build = "org.mooc.build";

    // On everything a run creates on the Docker engine (see RunLabels in build/Docker/).
    public const string Run = "org.mooc.run";
    public const string RunPid = "org.mooc.run.pid";
    public const string RunHost = "org.mooc.run.host";

    /// <summary>"run": goes with the run that made it (build containers, step containers, test objects); "deployment": belongs to a deployment, outlives runs.</summary>
    public const string Lifetime = "org.mooc.lifetime";

    /// <summary>A label's value, or null when the object has no such label.</summary>
    public static string? Label(this IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;
}
