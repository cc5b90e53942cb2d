using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>
/// For every non-public service that others depend on (databases, caches, APIs): only its dependants' pods, the
/// migration Jobs running as them, and its own pods may connect. Services nobody depends on stay open.
/// </summary>
static class NetworkPolicyBuilder
{
    public static V1NetworkPolicy? Build(RenderContext context, ServiceDefinition service)
    {
        var dependants = context.DependantsOf(service);
        if (service.Public is not null || dependants.Count == 0 || service.Ports.Count == 0) return null;
        var allowed = dependants.Select(d => d.Name).Append(service.Name).Order(StringComparer.Ordinal).ToList();
        V1NetworkPolicyPeer Peer(string key) => new()
        {
            PodSelector = new V1LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { [LabelNames.Instance] = context.Instance },
                MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = allowed }],
            },
        };
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = $"{service.Name}-clients", NamespaceProperty = context.Namespace, Labels = Labels.For(context, service.Name, "network-policy") },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = Labels.Selector(context, service) },
                PolicyTypes = ["Ingress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [Peer(LabelNames.Name), Peer(LabelNames.RunsAs)],
                        Ports = service.Ports.Select(p => new V1NetworkPolicyPort { Port = p.ContainerPort, Protocol = p.Protocol.ToString() }).ToList(),
                    },
                ],
            },
        };
    }
}
