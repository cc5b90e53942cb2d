using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>A container running a service's image with its env (ConfigMap), secret env (secretKeyRef only), volumes, resources and security.</summary>
static class ContainerBuilder
{
    public static V1Container Build(RenderContext context, ServiceDefinition service, string name, IReadOnlyList<string>? command = null) => new()
    {
        Name = name,
        Image = context.ImageOf(service),
        ImagePullPolicy = "IfNotPresent",
        // A step's command replaces entrypoint and arguments both; a service replaces the entrypoint only when it says so.
        Command = command?.ToList() ?? NullIfEmpty(service.Entrypoint),
        Args = command is null ? NullIfEmpty(service.Args) : null,
        Ports = command is null && service.Ports.Count > 0
            ? service.Ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.ContainerPort, Protocol = p.Protocol.ToString() }).ToList()
            : null,
        EnvFrom = service.Env.Count > 0 ? [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapBuilder.NameFor(service) } }] : null,
        Env = SecretEnv(context, service),
        VolumeMounts = service.Volumes.Count > 0 ? service.Volumes.Select(v => new V1VolumeMount { Name = v.Name, MountPath = v.MountPath }).ToList() : null,
        Resources = Resources(service.Resources),
        SecurityContext = Security(service.Security),
        ReadinessProbe = command is null ? ProbeBuilder.Build(service.Probes.Readiness) : null,
        LivenessProbe = command is null ? ProbeBuilder.Build(service.Probes.Liveness) : null,
        StartupProbe = command is null ? ProbeBuilder.Build(service.Probes.Startup) : null,
    };

    /// <summary>Secret env as references to the deployer-created Secret: the value never appears in a manifest.</summary>
    public static List<V1EnvVar>? SecretEnv(RenderContext context, ServiceDefinition service) =>
        service.SecretEnv.Count == 0
            ? null
            : service.SecretEnv.Select(kv => new V1EnvVar
            {
                Name = kv.Key,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = context.SecretName, Key = kv.Value } },
            }).ToList();

    static V1ResourceRequirements? Resources(ResourceSpec resources)
    {
        static Dictionary<string, ResourceQuantity>? Amounts(ResourceAmounts amounts)
        {
            if (amounts.IsEmpty) return null;
            var result = new Dictionary<string, ResourceQuantity>();
            if (amounts.Cpu is { } cpu) result["cpu"] = new ResourceQuantity(cpu);
            if (amounts.Memory is { } memory) result["memory"] = new ResourceQuantity(memory);
            return result;
        }
        var requests = Amounts(resources.Requests);
        var limits = Amounts(resources.Limits);
        return requests is null && limits is null ? null : new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    /// <summary>No privilege escalation ever; non-root services also drop every capability.</summary>
    public static V1SecurityContext Security(SecuritySpec security) => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = security.ReadOnlyRootFilesystem ? true : null,
        Capabilities = security.RunAsNonRoot ? new V1Capabilities { Drop = ["ALL"] } : null,
    };

    static List<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count == 0 ? null : values.ToList();
}
