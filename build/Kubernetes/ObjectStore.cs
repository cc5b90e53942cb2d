using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// The engine's one generic way to apply, list and delete objects of any kind through the API
/// server's REST paths: server-side apply under the field manager <see cref="FieldManager"/>,
/// lists scoped by label selectors, deletes that let the garbage collector take dependents.
/// </summary>
public sealed class ObjectStore(k8s.Kubernetes client)
{
    public const string FieldManager = "mooc-build";

    public k8s.Kubernetes Client => client;

    /// <summary>
    /// Server-side apply (force: the pipeline owns the fields it renders). The API's own rejection
    /// (an invalid field, a kind the server does not serve) is thrown naming the object and field.
    /// </summary>
    public async Task<AppliedObject> ApplyAsync(IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct)
    {
        var resource = ApiResource.Of(obj.Kind, obj.ApiVersion);
        var path = resource.PathOf(obj.Metadata.NamespaceProperty, obj.Metadata.Name) + $"?fieldManager={FieldManager}&force=true";
        using var request = new HttpRequestMessage(HttpMethod.Patch, Url(path))
        {
            // JSON is YAML: the apply content type takes it, and KubernetesJson writes quantities as strings.
            Content = new StringContent(KubernetesJson.Serialize(obj), Encoding.UTF8, "application/apply-patch+yaml"),
        };
        using var response = await client.HttpClient.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw KubernetesApiError.From(response.StatusCode, body, $"{obj.Kind} {Describe(obj.Metadata)}");
        var applied = JsonNode.Parse(body)!["metadata"]!;
        return new AppliedObject(obj.Kind, obj.Metadata.Name, Version(applied), response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>The objects of a kind matching <paramref name="labelSelector"/> (in <paramref name="namespace"/> when the kind is namespaced).</summary>
    public async Task<IReadOnlyList<ListedObject>> ListAsync(ApiResource resource, string? @namespace, string labelSelector, CancellationToken ct)
    {
        var body = await GetTextAsync(resource.PathOf(@namespace) + "?labelSelector=" + Uri.EscapeDataString(labelSelector), $"{resource.Plural} in {@namespace ?? "the cluster"}", ct);
        if (body is null) return [];
        var items = JsonNode.Parse(body)!["items"]!.AsArray();
        return items.Select(item => item!["metadata"]!).Select(m => new ListedObject(
            resource,
            m["name"]!.GetValue<string>(),
            m["uid"]!.GetValue<string>(),
            Version(m),
            m["labels"]?.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()) ?? [],
            m["deletionTimestamp"] is not null,
            m["annotations"]?[LabelNames.AppliedHash]?.GetValue<string>(),
            ChangedByOthers(m))).ToList();
    }

    /// <summary>The object as JSON, or null when it does not exist.</summary>
    public async Task<JsonNode?> GetAsync(ApiResource resource, string? @namespace, string name, CancellationToken ct) =>
        await GetTextAsync(resource.PathOf(@namespace, name), $"{resource.Kind} {name}", ct) is { } body ? JsonNode.Parse(body) : null;

    /// <summary>
    /// Deletes, letting the garbage collector remove what it owns (a Job's pods), or with
    /// <paramref name="orphanDependents"/> leaving them for a new owner; one already gone is fine.
    /// </summary>
    public async Task DeleteAsync(ApiResource resource, string? @namespace, string name, CancellationToken ct, bool orphanDependents = false)
    {
        var propagation = orphanDependents ? "Orphan" : "Background";
        using var request = new HttpRequestMessage(HttpMethod.Delete, Url(resource.PathOf(@namespace, name)))
        {
            Content = new StringContent($$"""{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"{{propagation}}"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.HttpClient.SendAsync(request, ct);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return;
        throw KubernetesApiError.From(response.StatusCode, await response.Content.ReadAsStringAsync(ct), $"deleting {resource.Kind} {name}");
    }

    async Task<string?> GetTextAsync(string path, string what, CancellationToken ct)
    {
        using var response = await client.HttpClient.GetAsync(Url(path), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode ? body : throw KubernetesApiError.From(response.StatusCode, body, what);
    }

    /// <summary>
    /// Whether a writer other than the pipeline owns any of the object's content (a kubectl edit, a
    /// rollback): not its status, which controllers write, nor its metadata, where they add annotations.
    /// </summary>
    static bool ChangedByOthers(JsonNode metadata) =>
        metadata["managedFields"]?.AsArray().Any(entry =>
            entry!["manager"]?.GetValue<string>() != FieldManager
            && entry["fieldsV1"]?.AsObject().Any(field => field.Key is not ("f:status" or "f:metadata")) == true) == true;

    /// <summary>
    /// What changes when the object's desired state changes: its generation where the kind keeps one
    /// (workloads; controllers writing their status move the resourceVersion, not the generation), else its resourceVersion.
    /// </summary>
    static string Version(JsonNode metadata) =>
        metadata["generation"] is { } generation ? "g" + generation.GetValue<long>() : metadata["resourceVersion"]!.GetValue<string>();

    Uri Url(string path) => new(client.BaseUri.ToString().TrimEnd('/') + "/" + path);

    static string Describe(V1ObjectMeta metadata) => metadata.NamespaceProperty is { } ns ? $"{ns}/{metadata.Name}" : metadata.Name;
}

/// <summary>What an apply left: the object's version (its generation, else its resourceVersion: unchanged when the apply changed nothing) and whether it was new.</summary>
public sealed record AppliedObject(string Kind, string Name, string Version, bool Created)
{
    public string Key => $"{Kind.ToLowerInvariant()}/{Name}";
}

/// <param name="AppliedHash">The hash of what the pipeline last applied to it (<see cref="LabelNames.AppliedHash"/>), if any.</param>
/// <param name="ChangedByOthers">Another writer owns part of its content: the next apply must be sent to take it back.</param>
public sealed record ListedObject(ApiResource Resource, string Name, string Uid, string Version, IDictionary<string, string> Labels, bool Terminating, string? AppliedHash, bool ChangedByOthers)
{
    public string Key => $"{Resource.Kind.ToLowerInvariant()}/{Name}";
}

/// <summary>The API server refused a request: its own message, the object, and each field it named.</summary>
public sealed class KubernetesApiError(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status => status;

    public static KubernetesApiError From(HttpStatusCode status, string body, string what)
    {
        var parsed = ApiErrors.StatusIn(body);
        var message = parsed?.Message is { Length: > 0 } m ? m : $"HTTP {(int)status} {body.Trim()}";
        var causes = parsed?.Details?.Causes?.Where(c => c.Field is not null).Select(c => $"\n  field {c.Field}: {c.Message}") ?? [];
        var hint = status switch
        {
            HttpStatusCode.Unauthorized => " The credentials of the kubeconfig context are not accepted: renew them.",
            HttpStatusCode.Forbidden => " The context's user may not do this: ask the cluster's administrator for a Role that allows it in this namespace.",
            _ => "",
        };
        return new KubernetesApiError(status, $"The API server refused {what}: {message}{string.Concat(causes)}{hint}");
    }
}
