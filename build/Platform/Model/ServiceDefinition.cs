namespace Mooc.Platform.Model;

/// <summary>One service of a platform: a Deployment (stateless) or StatefulSet (stateful) on Kubernetes, containers on the local engine.</summary>
/// <param name="Name">A Kubernetes DNS label (lowercase letters, digits, '-'); also the name other services reach it by.</param>
/// <param name="Entrypoint">
/// Replaces the image's ENTRYPOINT (Kubernetes' container <c>command</c>, Docker's <c>--entrypoint</c>); empty keeps
/// it, so an image whose entrypoint prepares the container (the mysql image initialises its data directory) still runs it.
/// </param>
/// <param name="Args">The arguments given to the entrypoint, replacing the image's CMD (Kubernetes' <c>args</c>, compose's <c>command</c>); empty keeps it.</param>
/// <param name="Env">Plain environment values, in declared order.</param>
/// <param name="SecretEnv">Environment variable -> platform secret name; the value is generated per deployment.</param>
/// <param name="Aliases">Extra host names this service must answer to (e.g. edx.devstack.mysql); may contain dots.</param>
/// <param name="Public">Set when the service is the platform's public entry (the ingress routes to it).</param>
public sealed record ServiceDefinition(
    string Name,
    ImageSource Image,
    ServiceKind Kind,
    bool Enabled,
    int Replicas,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Args,
    IReadOnlyList<PortDefinition> Ports,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyDictionary<string, string> SecretEnv,
    IReadOnlyList<VolumeDefinition> Volumes,
    ProbeSet Probes,
    ResourceSpec Resources,
    SecuritySpec Security,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Aliases,
    PublicEndpoint? Public);

public enum ServiceKind
{
    Stateless,
    Stateful,
}

/// <summary>Either an image recipe of this repository (images/&lt;recipe&gt;/image.yaml) or an external image reference.</summary>
public sealed record ImageSource(string? Recipe, string? Reference)
{
    public bool IsRecipe => Recipe is not null;

    /// <summary>What the rendered manifests name: mooc/&lt;recipe&gt; (the deployer substitutes the built tag) or the reference.</summary>
    public string DefaultReference => Recipe is not null ? $"mooc/{Recipe}" : Reference!;

    public override string ToString() => Recipe is not null ? $"recipe {Recipe}" : Reference!;
}

public sealed record PortDefinition(string Name, int ContainerPort, PortProtocol Protocol);

public enum PortProtocol
{
    TCP,
    UDP,
}

/// <summary>
/// A volume mounted at <paramref name="MountPath"/>. A <see cref="VolumeType.Claim"/> is one PersistentVolumeClaim named
/// <paramref name="Name"/> (services declaring the same name share it, ReadWriteMany); the other types live as long as the pod.
/// </summary>
/// <param name="Size">A Kubernetes quantity, e.g. 5Gi: the claim's request, or the pod-local volume's size limit.</param>
public sealed record VolumeDefinition(string Name, string MountPath, string Size, VolumeAccessMode AccessMode)
{
    public VolumeType Type { get; init; } = VolumeType.Claim;

    /// <summary>
    /// Fill a pod-local volume with the image's files at <see cref="MountPath"/> before the container starts, as Docker
    /// does for a new named volume (Kubernetes does not: an empty volume hides what the image has there).
    /// </summary>
    public bool FromImage { get; init; }

    public bool IsClaim => Type == VolumeType.Claim;
}

public enum VolumeType
{
    /// <summary>A PersistentVolumeClaim: the data outlives the pod.</summary>
    Claim,

    /// <summary>An emptyDir on the node's disk, for the pod's lifetime.</summary>
    EmptyDir,

    /// <summary>An emptyDir in memory (tmpfs), e.g. a larger /dev/shm for browsers; its size counts against the memory limit.</summary>
    Memory,
}

public enum VolumeAccessMode
{
    ReadWriteOnce,
    ReadWriteMany,
}

/// <summary>Where the public entry (ingress) sends traffic: this service's <paramref name="Port"/> for these paths and hosts.</summary>
/// <param name="Hosts">Host names routed here; empty means any host (the render options may add more).</param>
public sealed record PublicEndpoint(int Port, IReadOnlyList<string> Paths, IReadOnlyList<string> Hosts);

/// <summary>CPU and memory as Kubernetes quantities ("250m", "512Mi"); null means unset.</summary>
public sealed record ResourceAmounts(string? Cpu, string? Memory)
{
    public static readonly ResourceAmounts None = new(null, null);
    public bool IsEmpty => Cpu is null && Memory is null;
}

public sealed record ResourceSpec(ResourceAmounts Requests, ResourceAmounts Limits)
{
    public static readonly ResourceSpec None = new(ResourceAmounts.None, ResourceAmounts.None);
}

/// <summary>How the containers run. RunAsUser/RunAsGroup/FsGroup null means the image's own user.</summary>
public sealed record SecuritySpec(bool RunAsNonRoot, long? RunAsUser, long? RunAsGroup, long? FsGroup, bool ReadOnlyRootFilesystem)
{
    public static readonly SecuritySpec ImageDefault = new(false, null, null, null, false);
}
