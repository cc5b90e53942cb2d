using k8s;
using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether the credentials may do what a deploy does: one SelfSubjectAccessReview per verb and
/// resource, for every kind the renderer produced (apply, list, prune) and the objects the engine
/// makes itself (its Secret, its Lease, the pods it watches, reads logs of and forwards to).
/// </summary>
public static class AccessCheck
{
    const string Name = "access (RBAC)";
    static readonly string[] AppliedVerbs = ["get", "list", "create", "patch", "delete"];

    /// <summary>A verb on a resource (plural, with its API group and an optional subresource) in a namespace, or cluster-wide when null.</summary>
    public sealed record Permission(string Verb, string Group, string Resource, string? Subresource, string? Namespace)
    {
        public override string ToString() => $"{Verb} {Resource}{(Subresource is null ? "" : "/" + Subresource)}{(Group.Length == 0 ? "" : "." + Group)}";
    }

    /// <summary>What a deploy of <paramref name="rendered"/> into <paramref name="namespace"/> needs.</summary>
    public static IReadOnlyList<Permission> Needed(IReadOnlyList<RenderedObject> rendered, string @namespace, bool portForward)
    {
        var needed = new List<Permission>();
        foreach (var kind in rendered.Select(o => (o.Object.ApiVersion, o.Kind)).Distinct())
        {
            var resource = ApiResource.Of(kind.Kind, kind.ApiVersion);
            string[] verbs = kind.Kind == "Namespace" ? ["get", "create"] : AppliedVerbs;
            needed.AddRange(verbs.Select(verb => For(resource, verb, null, @namespace)));
        }
        needed.AddRange(new[] { "get", "create", "patch" }.Select(verb => For(ApiResource.Of("Secret", "v1"), verb, null, @namespace)));
        needed.AddRange(new[] { "get", "create", "update", "delete" }.Select(verb => For(ApiResource.Of("Lease", "coordination.k8s.io/v1"), verb, null, @namespace)));
        needed.AddRange(new[] { "get", "list", "watch", "create", "delete" }.Select(verb => For(ApiResource.Of("Pod", "v1"), verb, null, @namespace)));
        needed.Add(For(ApiResource.Of("Pod", "v1"), "get", "log", @namespace));
        needed.Add(new Permission("list", "", "events", null, @namespace));
        needed.Add(new Permission("list", "", "nodes", null, null));
        if (portForward) needed.Add(For(ApiResource.Of("Pod", "v1"), "create", "portforward", @namespace));
        return needed.Distinct().ToList();
    }

    static Permission For(ApiResource resource, string verb, string? subresource, string @namespace) =>
        new(verb, resource.ApiVersion.Contains('/') ? resource.ApiVersion.Split('/')[0] : "", resource.Plural, subresource, resource.Namespaced ? @namespace : null);

    public static async Task<PreflightCheck> RunAsync(IKubernetes client, string context, IReadOnlyList<Permission> needed, CancellationToken ct)
    {
        var answers = await Task.WhenAll(needed.Select(async p => (Permission: p, Allowed: await AllowedAsync(client, p, ct))));
        var denied = answers.Where(a => !a.Allowed).Select(a => a.Permission).ToList();
        if (denied.Count == 0) return PreflightCheck.Passed(Name, $"all {needed.Count} verbs on the {needed.Select(p => p.Resource).Distinct().Count()} resources a deploy uses are allowed");
        var @namespace = needed.First(p => p.Namespace is not null).Namespace;
        return PreflightCheck.Failed(Name,
            $"denied to context {context}: {string.Join(", ", denied.Select(d => d + (d.Namespace is null ? " (cluster-wide)" : "")))}",
            $"Bind these to the credentials: a Role in namespace {@namespace} (kubectl create rolebinding --clusterrole=admin covers the namespaced ones) and a ClusterRole for the cluster-wide ones; or use a context that has them. 'kubectl auth can-i VERB RESOURCE -n {@namespace}' checks one.");
    }

    static async Task<bool> AllowedAsync(IKubernetes client, Permission p, CancellationToken ct)
    {
        var review = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
        {
            Spec = new V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new V1ResourceAttributes { Verb = p.Verb, Group = p.Group, Resource = p.Resource, Subresource = p.Subresource, NamespaceProperty = p.Namespace },
            },
        }, cancellationToken: ct);
        return review.Status.Allowed;
    }
}
