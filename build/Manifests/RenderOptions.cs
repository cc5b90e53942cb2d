namespace Mooc.Manifests;

/// <summary>How a platform is rendered for one cluster. Defaults give the committed manifests (manifests/&lt;platform&gt;/rendered/).</summary>
public sealed record RenderOptions
{
    /// <summary>Namespace of every object; null means the platform's name.</summary>
    public string? Namespace { get; init; }

    /// <summary>app.kubernetes.io/instance of every object; null means the namespace.</summary>
    public string? Instance { get; init; }

    /// <summary>Storage class of every claim; null leaves it to the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    /// <summary>
    /// A PersistentVolume per claim on one node, for a cluster with no provisioner; null leaves the claims to the
    /// cluster's provisioner. The volumes and claims then name <see cref="StorageClass"/>, or
    /// <see cref="Manifests.StaticVolumes.DefaultStorageClass"/> when that is null.
    /// </summary>
    public StaticVolumes? StaticVolumes { get; init; }

    /// <summary>ingressClassName of the Ingress; null leaves it to the cluster's default class.</summary>
    public string? IngressClass { get; init; }

    /// <summary>Host names the Ingress answers for, in addition to those in the platform file; none means any host.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>
    /// Recipe name -> full image reference (what the Images target built or pushed). Empty renders recipe images as
    /// mooc/&lt;recipe&gt; with no tag; when given, it must name every recipe the platform uses.
    /// </summary>
    public IReadOnlyDictionary<string, string> Images { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// apiVersion of the PodDisruptionBudgets: policy/v1 (served from Kubernetes 1.21) or policy/v1beta1 (the only one
    /// Kubernetes 1.20 serves; gone in 1.25). <see cref="DisruptionBudgetApiVersionServedBy"/> picks it from a server's discovery.
    /// </summary>
    public string DisruptionBudgetApiVersion
    {
        get;
        init => field = value is "policy/v1" or "policy/v1beta1"
            ? value
            : throw new ArgumentException($"DisruptionBudgetApiVersion '{value}' is not one the renderer writes: use policy/v1 or policy/v1beta1.", nameof(value));
    } = "policy/v1";

    /// <summary>The PodDisruptionBudget apiVersion for a server serving these group/versions (its /apis discovery): policy/v1 when served, else policy/v1beta1.</summary>
    public static string DisruptionBudgetApiVersionServedBy(IEnumerable<string> groupVersions)
    {
        var served = groupVersions.ToHashSet();
        if (served.Contains("policy/v1")) return "policy/v1";
        if (served.Contains("policy/v1beta1")) return "policy/v1beta1";
        throw new InvalidOperationException($"The server serves neither policy/v1 nor policy/v1beta1 (it serves: {string.Join(", ", served.Order())}), so it cannot take a PodDisruptionBudget.");
    }
}
