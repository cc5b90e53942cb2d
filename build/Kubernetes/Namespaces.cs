using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>The platform's namespace, which may not exist before its first deploy.</summary>
public static class Namespaces
{
    /// <summary>Creates <paramref name="name"/>, labelled as the pipeline's, unless it exists; a run that created it at the same moment is fine.</summary>
    public static async Task EnsureAsync(IKubernetes client, string name, CancellationToken ct)
    {
        try
        {
            await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct);
            return;
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
        }
        var created = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [LabelNames.ManagedBy] = LabelNames.ManagedByValue } },
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
}
