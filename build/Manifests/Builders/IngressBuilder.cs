using k8s.Models;

namespace Mooc.Manifests.Builders;

/// <summary>The public entry: an Ingress to the public service for its paths, on the platform's and the options' hosts (any host when none).</summary>
static class IngressBuilder
{
    public static V1Ingress? Build(RenderContext context)
    {
        if (context.Platform.PublicService is not { Public: { } entry } service) return null;
        var paths = entry.Paths.Select(path => new V1HTTPIngressPath
        {
            Path = path,
            PathType = "Prefix",
            Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = service.Name, Port = new V1ServiceBackendPort { Number = entry.Port } } },
        }).ToList();
        var hosts = entry.Hosts.Concat(context.Options.Hosts).Distinct(StringComparer.Ordinal).ToList();
        var rules = hosts.Count == 0
            ? [new V1IngressRule { Http = new V1HTTPIngressRuleValue { Paths = paths } }]
            : hosts.Select(host => new V1IngressRule { Host = host, Http = new V1HTTPIngressRuleValue { Paths = paths } }).ToList();
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = context.Platform.Name, NamespaceProperty = context.Namespace, Labels = Labels.For(context, service.Name, "ingress") },
            Spec = new V1IngressSpec { IngressClassName = context.Options.IngressClass, Rules = rules },
        };
    }
}
