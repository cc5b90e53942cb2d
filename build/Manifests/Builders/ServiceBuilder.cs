using k8s.Models;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;

namespace Mooc.Manifests.Builders;

/// <summary>
/// A ClusterIP Service for every service with ports (the databases included), plus one per alias that is a valid Service
/// name. A stateful service also gets the headless Service its StatefulSet is governed by: clients keep the ClusterIP
/// Service, whose address stays put when the pod is replaced (the host-aliases init container writes it once).
/// </summary>
static class ServiceBuilder
{
    public static IEnumerable<V1Service> Build(RenderContext context, ServiceDefinition service)
    {
        if (service.Ports.Count == 0) yield break;
        yield return Service(context, service, service.Name);
        foreach (var alias in service.Aliases.Where(HostAliasBuilder.IsServiceName))
            yield return Service(context, service, alias);
        if (service.Kind == ServiceKind.Stateful)
            yield return Headless(context, service);
    }

    static V1Service Headless(RenderContext context, ServiceDefinition service)
    {
        var headless = Service(context, service, KubernetesNames.GoverningService(service.Name));
        headless.Spec.ClusterIP = "None";
        // The pod's DNS name exists while it starts, so a database's own init can resolve itself.
        headless.Spec.PublishNotReadyAddresses = true;
        return headless;
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
