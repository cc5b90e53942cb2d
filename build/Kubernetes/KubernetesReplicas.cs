using k8s;
using k8s.Models;
using Mooc.Platform.Cluster;

namespace Mooc.Kubernetes;

/// <summary>A service's pods: each one's readiness, and the loss of one on demand (deleted at once, which its ReplicaSet or StatefulSet answers with a new pod).</summary>
public sealed class KubernetesReplicas(IKubernetes client, string @namespace)
{
    public async Task<IReadOnlyList<ReplicaState>> ListAsync(ClusterDeployment deployment, string service, CancellationToken ct) =>
        (await PodsAsync(deployment, service, ct)).Select(p => new ReplicaState(p.Metadata.Name, p.Metadata.Uid, PodReadiness.IsReady(p))).ToList();

    /// <summary>
    /// Deleted with a grace period of 0: the pod leaves the API (and the Service's endpoints) at once and its
    /// containers are killed without the time to finish their requests, as when a node dies; a graceful delete
    /// would let them drain first, which a crash does not.
    /// </summary>
    public async Task<KilledReplica> KillAsync(ClusterDeployment deployment, string service, int replica, CancellationToken ct)
    {
        var pods = await PodsAsync(deployment, service, ct);
        if (replica < 1 || replica > pods.Count)
            throw new ArgumentOutOfRangeException(nameof(replica), replica, $"service '{service}' has {pods.Count} pod(s) in namespace {@namespace}: choose 1 to {pods.Count}");
        var pod = pods[replica - 1];
        await client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, @namespace, new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: ct);
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault()?.Kind ?? "its controller";
        return new KilledReplica(pod.Metadata.Name, pod.Metadata.Uid,
            $"pod {pod.Metadata.Name} deleted at once (grace period 0); its {owner} creates a new pod, ready once its readiness probe passes");
    }

    /// <summary>
    /// The pods not on their way out, in one order for both listing and killing: replica N is the Nth
    /// listed, as the engine contract promises (a terminating pod listed but skipped by a kill shifted the numbers).
    /// By name, as ExecAsync numbers them (Shell --replica 2 and a kill of replica 2 reach the same pod), and a
    /// StatefulSet's pod keeps its number when it is replaced, as a local container does.
    /// </summary>
    async Task<List<V1Pod>> PodsAsync(ClusterDeployment deployment, string service, CancellationToken ct)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: DeploymentLabels.ServerPods(deployment.Platform.Name, deployment.Name, service), cancellationToken: ct);
        return pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
    }
}
