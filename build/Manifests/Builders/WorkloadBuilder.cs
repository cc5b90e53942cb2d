using k8s;
using k8s.Models;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;

namespace Mooc.Manifests.Builders;

/// <summary>A StatefulSet for a stateful service (databases), a Deployment for the rest.</summary>
static class WorkloadBuilder
{
    public static IKubernetesObject<V1ObjectMeta> Build(RenderContext context, ServiceDefinition service)
    {
        var metadata = new V1ObjectMeta { Name = service.Name, NamespaceProperty = context.Namespace, Labels = Labels.For(context, service.Name, Labels.ServerComponent) };
        var selector = new V1LabelSelector { MatchLabels = Labels.Selector(context, service) };
        var template = PodBuilder.Build(context, service, ContainerBuilder.Build(context, service, service.Name), Labels.For(context, service.Name, Labels.ServerComponent));

        if (service.Kind == ServiceKind.Stateful)
            return new V1StatefulSet
            {
                ApiVersion = "apps/v1",
                Kind = "StatefulSet",
                Metadata = metadata,
                Spec = new V1StatefulSetSpec { ServiceName = KubernetesNames.GoverningService(service.Name), Replicas = service.Replicas, Selector = selector, Template = template },
            };

        // A ReadWriteOnce claim cannot be attached to the old and the new pod at once on different nodes.
        var singleWriter = service.Volumes.Any(v => v is { IsClaim: true, AccessMode: VolumeAccessMode.ReadWriteOnce });
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = metadata,
            Spec = new V1DeploymentSpec
            {
                Replicas = service.Replicas,
                Selector = selector,
                Template = template,
                Strategy = singleWriter
                    ? new V1DeploymentStrategy { Type = "Recreate" }
                    : new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 } },
            },
        };
    }
}
