using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>A ClusterIP Service for every service with ports (the databases included), plus one per alias that is a valid Service name.</summary>
static class ServiceBuilder
{
    public static IEnumerable<V1Service> Build(RenderContext context, ServiceDefinition service)
    {
        if (service.Ports.Count == 0) yield break;
        yield return Service(context, service, service.Name);
        foreach (var alias in service.Aliases.Where(HostAliasBuilder.IsServiceName))
            yield return Service(context, service, alias);
    }

    static V1Service Service(RenderContext context, ServiceDefinition service, string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = context.Namespace, Labels = Labels.For(context, service.Name, Labels.ServerComponent) },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = Labels.Selector(context, service),
            Ports = service.Ports.Select(p => new V1ServicePort { Name = p.Name, Port = p.ContainerPort, TargetPort = p.Name, Protocol = p.Protocol.ToString() }).ToList(),
        },
    };
}
