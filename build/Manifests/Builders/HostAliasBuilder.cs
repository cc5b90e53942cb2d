using k8s.Models;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;

namespace Mooc.Manifests.Builders;

/// <summary>
/// Makes service aliases resolve inside the cluster. An alias that is a valid Service name gets its own Service (see
/// <see cref="ServiceBuilder"/>). A dotted alias (edx.devstack.mysql) cannot be a Service name and a Service's IP is
/// unknown at render time (so hostAliases cannot name it): an init container resolves the Service and appends
/// "IP alias" to the pod's /etc/hosts, which the kubelet shares between all containers of the pod.
/// See manifests/openedx/README.md.
/// </summary>
static class HostAliasBuilder
{
    const string Script = """
        set -eu
        for entry in $MOOC_HOST_ALIASES; do
          host=${entry%%=*}
          service=${entry#*=}
          until address=$(getent hosts "$service"); do echo "waiting for Service $service to resolve"; sleep 2; done
          set -- $address
          echo "$1 $host" >> /etc/hosts
        done
        """;

    /// <summary>Whether an alias can be a Service of its own (a DNS label); otherwise it goes into the clients' /etc/hosts.</summary>
    public static bool IsServiceName(string alias) => KubernetesNames.IsDnsLabel(alias);

    /// <summary>
    /// The init container for pods of <paramref name="service"/>, or null when no host-file alias exists, the pod
    /// calls no other service (no dependencies, not a Job), or it runs as non-root (it could not write /etc/hosts).
    /// </summary>
    public static V1Container? InitContainer(RenderContext context, ServiceDefinition service, bool isJob)
    {
        var pairs = context.Services
            .SelectMany(s => s.Aliases.Where(a => !IsServiceName(a)).Select(a => $"{a}={s.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (pairs.Count == 0 || service.Security.RunAsNonRoot || (!isJob && service.DependsOn.Count == 0)) return null;
        return new V1Container
        {
            Name = "host-aliases",
            Image = context.ImageOf(service),
            ImagePullPolicy = "IfNotPresent",
            Command = ["sh", "-c", Script.ReplaceLineEndings("\n")],
            Env = [new V1EnvVar { Name = "MOOC_HOST_ALIASES", Value = string.Join(" ", pairs) }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
            },
            // Writing the kubelet-managed /etc/hosts needs root; nothing else runs in this container.
            SecurityContext = new V1SecurityContext { RunAsUser = 0, AllowPrivilegeEscalation = false },
        };
    }
}
