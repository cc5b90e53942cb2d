using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>A PodDisruptionBudget for a service with more than one replica: a drain takes at most one pod at a time.</summary>
static class DisruptionBudgetBuilder
{
    public static V1PodDisruptionBudget? Build(RenderContext context, ServiceDefinition service) => service.Replicas <= 1 ? null : new V1PodDisruptionBudget
    {
        ApiVersion = context.Options.DisruptionBudgetApiVersion,
        Kind = "PodDisruptionBudget",
        Metadata = new V1ObjectMeta { Name = service.Name, NamespaceProperty = context.Namespace, Labels = Labels.For(context, service.Name, Labels.ServerComponent) },
        Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new V1LabelSelector { MatchLabels = Labels.Selector(context, service) } },
    };
}
