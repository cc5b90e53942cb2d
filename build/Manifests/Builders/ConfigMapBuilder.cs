using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>A service's plain environment as a ConfigMap (&lt;service&gt;-env); secret env never goes here.</summary>
static class ConfigMapBuilder
{
    public static string NameFor(ServiceDefinition service) => $"{service.Name}-env";

    public static V1ConfigMap? Build(RenderContext context, ServiceDefinition service)
    {
        if (service.Env.Count == 0) return null;
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = NameFor(service), NamespaceProperty = context.Namespace, Labels = Labels.For(context, service.Name, "config") },
            Data = service.Env.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
        };
    }

    /// <summary>A short hash of the env, stamped on the pod template so pods roll when it changes.</summary>
    public static string HashOf(ServiceDefinition service)
    {
        var text = string.Join("\n", service.Env.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
