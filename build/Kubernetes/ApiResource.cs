namespace Mooc.Kubernetes;

/// <summary>A kind the engine applies, lists or deletes, and its REST path: one generic way for every kind.</summary>
public sealed record ApiResource(string Kind, string ApiVersion, string Plural, bool Namespaced)
{
    static readonly Dictionary<string, (string Plural, bool Namespaced)> Known = new()
    {
        ["Namespace"] = ("namespaces", false),
        ["ConfigMap"] = ("configmaps", true),
        ["Secret"] = ("secrets", true),
        ["PersistentVolume"] = ("persistentvolumes", false),
        ["PersistentVolumeClaim"] = ("persistentvolumeclaims", true),
        ["StatefulSet"] = ("statefulsets", true),
        ["Deployment"] = ("deployments", true),
        ["Service"] = ("services", true),
        ["Ingress"] = ("ingresses", true),
        ["Job"] = ("jobs", true),
        ["NetworkPolicy"] = ("networkpolicies", true),
        ["PodDisruptionBudget"] = ("poddisruptionbudgets", true),
        ["Pod"] = ("pods", true),
        ["Lease"] = ("leases", true),
    };

    public static ApiResource Of(string kind, string apiVersion) => Known.TryGetValue(kind, out var known)
        ? new ApiResource(kind, apiVersion, known.Plural, known.Namespaced)
        : throw new InvalidOperationException($"The engine does not know the REST path of kind {kind} ({apiVersion}); add it to {nameof(ApiResource)}.");

    /// <summary>The collection's path (no name) or an object's, relative to the server's base URL.</summary>
    public string PathOf(string? @namespace, string? name = null)
    {
        var root = ApiVersion.Contains('/') ? $"apis/{ApiVersion}" : $"api/{ApiVersion}";
        var scope = Namespaced ? $"/namespaces/{@namespace ?? throw new ArgumentNullException(nameof(@namespace), $"{Kind} is namespaced")}" : "";
        return $"{root}{scope}/{Plural}" + (name is null ? "" : "/" + Uri.EscapeDataString(name));
    }

    public override string ToString() => $"{Kind.ToLowerInvariant()}";
}
