using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>The pod template of a service's workload or of a migration Job running as that service.</summary>
static class PodBuilder
{
    public static V1PodTemplateSpec Build(RenderContext context, ServiceDefinition service, V1Container container, Dictionary<string, string> labels, bool isJob = false)
    {
        var initContainers = new List<V1Container>();
        if (HostAliasBuilder.InitContainer(context, service, isJob) is { } aliases) initContainers.Add(aliases);
        initContainers.AddRange(VolumeSeedBuilder.InitContainers(context, service, ContainerBuilder.Security(service.Security)));
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
                InitContainers = initContainers.Count > 0 ? initContainers : null,
                Containers = [container],
                Volumes = service.Volumes.Count > 0 ? service.Volumes.Select(VolumeSeedBuilder.Volume).ToList() : null,
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
