using Mooc.Manifests;

namespace Mooc.Kubernetes;

/// <summary>How a platform runs on a cluster: which one, where in it, and how its storage, ingress and images are reached.</summary>
public sealed record KubernetesOptions
{
    /// <summary>A kubeconfig context, or <see cref="KubeConfig.InCluster"/>.</summary>
    public required string Context { get; init; }

    public required string Namespace { get; init; }

    /// <summary>Static: a PersistentVolume per claim under <see cref="VolumeRoot"/> on <see cref="VolumeNode"/> (default: the only node); else the cluster's provisioner.</summary>
    public VolumeMode Volumes { get; init; } = VolumeMode.Provisioned;

    public string? VolumeRoot { get; init; }
    public string? VolumeNode { get; init; }

    /// <summary>Storage class of the claims; null: the cluster's default class.</summary>
    public string? StorageClass { get; init; }

    public string? IngressClass { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The user's ingress or load balancer URL; null: a port-forward through the API server.</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Images were pushed to a registry (their references are the pushed names); else they must be on the nodes already.</summary>
    public bool UsesRegistry { get; init; }

    /// <summary>A Deployment whose rollout fails is put back to its previous revision.</summary>
    public bool RollbackOnFailure { get; init; }
}
