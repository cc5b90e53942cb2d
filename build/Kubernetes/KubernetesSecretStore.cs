using System.Text;
using k8s;
using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Cluster;

namespace Mooc.Kubernetes;

/// <summary>
/// A deployment's secrets as the Secret its workloads reference (<see cref="ManifestRenderer.SecretName"/>):
/// made on the first deploy, read by every later one, from any machine with the context.
/// </summary>
public sealed class KubernetesSecretStore(ObjectStore store, string @namespace, string platform, string deployment) : ISecretStore
{
    static readonly ApiResource Secrets = ApiResource.Of("Secret", "v1");
    readonly string _name = ManifestRenderer.SecretName(platform);

    public string Location => $"Secret {_name} in namespace {@namespace}";

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken ct)
    {
        if (await store.GetAsync(Secrets, @namespace, _name, ct) is not { } secret) return new Dictionary<string, string>();
        var data = secret["data"]?.AsObject();
        return data?.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetString(Convert.FromBase64String(kv.Value!.GetValue<string>())))
            ?? new Dictionary<string, string>();
    }

    public async Task WriteAsync(IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        await Namespaces.EnsureAsync(store.Client, @namespace, deployment, ct);
        await store.ApplyAsync(new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta { Name = _name, NamespaceProperty = @namespace, Labels = DeploymentLabels.For(platform, deployment, DeploymentLabels.SecretsComponent) },
            Data = values.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)),
        }, ct);
    }

    public Task DeleteAsync(CancellationToken ct) => store.DeleteAsync(Secrets, @namespace, _name, ct);
}
