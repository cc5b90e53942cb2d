using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>The pod template of a service's workload or of a migration Job running as that service.</summary>
static class PodBuilder
{
    public static V1PodTemplateSpec Build(RenderContext context, ServiceDefinition service, V1Container container, Dictionary<string, string> labels, bool isJob = false)
    {
        var initContainers = HostAliasBuilder.InitContainer(context, service, isJob) is { } init ? new List<V1Container> { init } : null;
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = labels,
                Annotations = service.Env.Count > 0 ? new Dictionary<string, string> { [LabelNames.ConfigHash] = ConfigMapBuilder.HashOf(service) } : null,
            },
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                // Service links would add MYSQL_PORT=tcp://... style variables that clash with the images' own settings.
                EnableServiceLinks = false,
                RestartPolicy = isJob ? "Never" : null,
                SecurityContext = Security(service.Security),
                InitContainers = initContainers,
                Containers = [container],
                Volumes = service.Volumes.Count > 0
                    ? service.Volumes.Select(v => new V1Volume { Name = v.Name, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = v.Name } }).ToList()
                    : null,
            },
        };
    }

    static V1PodSecurityContext Security(SecuritySpec security) => new()
    {
        RunAsNonRoot = security.RunAsNonRoot ? true : null,
        RunAsUser = security.RunAsUser,
        RunAsGroup = security.RunAsGroup,
        FsGroup = security.FsGroup,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };
}
