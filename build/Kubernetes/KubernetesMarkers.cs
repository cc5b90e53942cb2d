using System.Text;
using k8s.Models;

namespace Mooc.Kubernetes;

/// <summary>
/// Values kept with a deployment (what the last successful migration ran) in its state ConfigMap.
/// Each is bound to the identity of the deployment's claims (names and UIDs): when the data is
/// purged or the claims made anew, the value no longer counts, as on the local engine.
/// </summary>
public sealed class KubernetesMarkers(ObjectStore store, string @namespace, string platform, string deployment)
{
    static readonly ApiResource ConfigMaps = ApiResource.Of("ConfigMap", "v1");
    static readonly ApiResource Claims = ApiResource.Of("PersistentVolumeClaim", "v1");

    public string Name { get; } = $"{platform}-state";

    public async Task<string?> ReadAsync(string key, CancellationToken ct)
    {
        var text = (await store.GetAsync(ConfigMaps, @namespace, Name, ct))?["data"]?[key]?.GetValue<string>();
        if (text?.Split('\n') is not [var value, var identity]) return null;
        return identity == await StorageIdentityAsync(ct) ? value : null;
    }

    public async Task WriteAsync(string key, string value, CancellationToken ct)
    {
        var current = (await store.GetAsync(ConfigMaps, @namespace, Name, ct))?["data"]?.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()) ?? [];
        current[key] = value + "\n" + await StorageIdentityAsync(ct);
        await store.ApplyAsync(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = @namespace, Labels = DeploymentLabels.For(platform, deployment, DeploymentLabels.StateComponent) },
            Data = current,
        }, ct);
    }

    /// <summary>Every claim of the deployment by name and UID; a claim deleted and made again has a new UID.</summary>
    async Task<string> StorageIdentityAsync(CancellationToken ct)
    {
        var claims = await store.ListAsync(Claims, @namespace, DeploymentLabels.Selector(platform, deployment), ct);
        var identity = new StringBuilder();
        foreach (var claim in claims.OrderBy(c => c.Name, StringComparer.Ordinal))
            identity.Append(claim.Name).Append('@').Append(claim.Uid).Append(';');
        return identity.Length == 0 ? "no-claims" : identity.ToString();
    }
}
