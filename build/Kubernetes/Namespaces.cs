using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>The deployment's namespace, which may not exist before its first deploy (its lock's Lease or its Secret is the first object to go in it).</summary>
public static class Namespaces
{
    /// <summary>
    /// Creates <paramref name="name"/> unless it exists, labelled as made by the pipeline for
    /// <paramref name="deployment"/> (so a purge of that deployment may delete it); an existing one is
    /// left as it is, and a run that created it at the same moment is fine.
    /// </summary>
    public static async Task EnsureAsync(IKubernetes client, string name, string deployment, CancellationToken ct)
    {
        if (await ReadAsync(client, name, ct) is not null) return;
        var created = new V1Namespace
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string> { [LabelNames.ManagedBy] = LabelNames.ManagedByValue, [LabelNames.Instance] = deployment },
            },
        };
        try
        {
            await client.CoreV1.CreateNamespaceAsync(created, cancellationToken: ct);
            Log.Info($"Created namespace {name}.");
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
        {
        }
    }

    /// <summary>Whether the pipeline made the namespace for this deployment (then a purge deletes it); false when there is none.</summary>
    public static async Task<bool> MadeForAsync(IKubernetes client, string name, string deployment, CancellationToken ct) =>
        await ReadAsync(client, name, ct) is { } ns
        && ns.Metadata.Labels.Label(LabelNames.ManagedBy) == LabelNames.ManagedByValue
        && ns.Metadata.Labels.Label(LabelNames.Instance) == deployment;

    static async Task<V1Namespace?> ReadAsync(IKubernetes client, string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
            return null;
        }
    }
}
