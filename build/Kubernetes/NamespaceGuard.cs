using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>The deployment's namespace exists before the first object (a Secret, the lock's Lease) goes in it.</summary>
public static class NamespaceGuard
{
    /// <summary>Creates the namespace when missing, labelled as made by the pipeline for <paramref name="deployment"/> (so a purge may delete it); an existing one is left as it is.</summary>
    public static async Task EnsureAsync(IKubernetes client, string @namespace, string platform, string deployment, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.ReadNamespaceAsync(@namespace, cancellationToken: ct);
            return;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        try
        {
            var labels = new Dictionary<string, string>
            {
                [LabelNames.ManagedBy] = LabelNames.ManagedByValue,
                [LabelNames.PartOf] = platform,
                [LabelNames.Instance] = deployment,
            };
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = @namespace, Labels = labels } }, cancellationToken: ct);
            Log.Info($"Created namespace {@namespace}");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    /// <summary>Whether the pipeline made the namespace for this deployment (then a purge deletes it).</summary>
    public static bool MadeFor(V1Namespace ns, string platform, string deployment) =>
        ns.Metadata.Labels.Label(LabelNames.ManagedBy) == LabelNames.ManagedByValue
        && ns.Metadata.Labels.Label(LabelNames.PartOf) == platform
        && ns.Metadata.Labels.Label(LabelNames.Instance) == deployment;
}
