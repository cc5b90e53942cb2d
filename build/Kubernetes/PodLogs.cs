using System.Runtime.CompilerServices;
using k8s;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Kubernetes;

/// <summary>The Logs target on Kubernetes: the pods of the deployment's services (by their labels), each pod's log with the kubelet's timestamps.</summary>
sealed class PodLogs(IKubernetes client, string @namespace)
{
    public async Task<IReadOnlyList<ReplicaLog>> OpenAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, LogOptions options, CancellationToken ct)
    {
        var names = ServiceOrder.Named(deployment, services).Select(s => s.Name).ToHashSet();
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: DeploymentLabels.ServerPods(deployment.Platform.Name, deployment.Name), cancellationToken: ct);
        return pods.Items
            .Where(p => names.Contains(p.Metadata.Labels.Label(LabelNames.Name) ?? ""))
            .Where(PodReadiness.HasRun)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new ReplicaLog(p.Metadata.Name, LinesAsync(p.Metadata.Name, options, ct)))
            .ToList();
    }

    async IAsyncEnumerable<LogLine> LinesAsync(string pod, LogOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        int? sinceSeconds = options.Since is { } since ? Math.Max(1, (int)Math.Ceiling((DateTimeOffset.UtcNow - since).TotalSeconds)) : null;
        await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, @namespace, follow: options.Follow, sinceSeconds: sinceSeconds,
            tailLines: options.Tail, timestamps: true, cancellationToken: ct);
        using var reader = new StreamReader(stream);
        var previous = DateTimeOffset.MinValue;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            var line = LogLine.Parse(text, previous);
            previous = line.Time;
            yield return line;
        }
    }
}
