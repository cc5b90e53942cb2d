namespace Mooc.Kubernetes;

/// <summary>How a platform is rendered for one cluster. Defaults give the committed manifests (manifests/&lt;platform&gt;/rendered/).</summary>
public sealed record RenderOptions
{
    /// <summary>Namespace of every object; null means the platform's name.</summary>
    public string? Namespace { get; init; }

    /// <summary>app.kubernetes.io/instance of every object; null means the namespace.</summary>
    public string? Instance { get; init; }

    /// <summary>Storage class of every claim; null leaves it to the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    /// <summary>ingressClassName of the Ingress; null leaves it to the cluster's default class.</summary>
    public string? IngressClass { get; init; }

    /// <summary>Host names the Ingress answers for, in addition to those in the platform file; none means any host.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>
    /// Recipe name -> full image reference (what the Images target built or pushed). Empty renders recipe images as
    /// mooc/&lt;recipe&gt; with no tag; when given, it must name every recipe the platform uses.
    /// </summary>
    public IReadOnlyDictionary<string, string> Images { get; init; } = new Dictionary<string, string>();
}
