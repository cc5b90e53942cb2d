namespace Mooc.Platform.Model;

/// <summary>One service of a platform: a Deployment (stateless) or StatefulSet (stateful) on Kubernetes, containers on the local engine.</summary>
/// <param name="Name">A Kubernetes DNS label (lowercase letters, digits, '-'); also the name other services reach it by.</param>
/// <param name="Command">Replaces the image's entrypoint; empty keeps it.</param>
/// <param name="Args">Replaces the image's CMD; empty keeps it.</param>
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
    IReadOnlyList<string> Command,
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

/// <summary>A persistent volume: one PersistentVolumeClaim named <paramref name="Name"/>. Services declaring the same name share the claim (ReadWriteMany).</summary>
/// <param name="Size">A Kubernetes quantity, e.g. 5Gi.</param>
public sealed record VolumeDefinition(string Name, string MountPath, string Size, VolumeAccessMode AccessMode);

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
