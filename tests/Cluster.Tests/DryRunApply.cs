using System.Reflection;
using System.Text;
using k8s;
using k8s.Models;
using Mooc.Manifests;
using Mooc.TestCluster;

namespace Cluster.Tests;

/// <summary>
/// Server-side apply with dryRun=All of a rendered object, sent as the exact YAML written to its
/// file (not re-serialized), so the server judges what a user would apply. Nothing is stored.
/// </summary>
public static class DryRunApply
{
    public static Kubernetes Connect() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(TestClusterPaths.Current.AdminKubeconfig));

    /// <summary>The API server's own message when it rejects the object; null when it accepts it.</summary>
    public static async Task<string?> RejectionAsync(Kubernetes client, RenderedObject rendered, CancellationToken ct)
    {
        // The client's model types carry their resource's URL plural.
        var resource = rendered.Object.GetType().GetCustomAttribute<KubernetesEntityAttribute>()?.PluralName
            ?? throw new InvalidOperationException($"{rendered.FileName}: {rendered.Object.GetType().Name} carries no [KubernetesEntity] with the resource's plural name.");
        var apiVersion = rendered.Object.ApiVersion;
        var group = apiVersion.Contains('/') ? $"apis/{apiVersion}" : $"api/{apiVersion}";
        var scope = rendered.Object.Metadata.NamespaceProperty is { } ns ? $"/namespaces/{ns}" : "";
        var uri = new Uri($"{client.BaseUri.ToString().TrimEnd('/')}/{group}{scope}/{resource}/{rendered.Name}?fieldManager=mooc&dryRun=All&force=true");
        using var request = new HttpRequestMessage(HttpMethod.Patch, uri)
        {
            Content = new StringContent(rendered.ToYaml(), Encoding.UTF8, "application/apply-patch+yaml"),
        };
        using var response = await client.HttpClient.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        try { return KubernetesJson.Deserialize<V1Status>(body).Message ?? body; }
        catch (System.Text.Json.JsonException) { return $"HTTP {(int)response.StatusCode}: {body}"; }
    }
}
