using k8s;
using k8s.Models;

namespace Mooc.Kubernetes.Rollout;

/// <summary>For each kind of workload: how to list and watch it, how to judge it, and which pods are its own.</summary>
static class WorkloadSources
{
    /// <summary>Follows the workload until its rollout is done or failed; reports every state seen.</summary>
    public static Task<RolloutStatus> FollowAsync(IKubernetes client, string @namespace, WorkloadRef workload, Action<RolloutStatus, V1LabelSelector?> seen, TimeSpan? watchTimeout, CancellationToken ct) =>
        workload.Kind switch
        {
            WorkloadKind.Deployment => FollowAsync(new NamedObjectSource<V1Deployment>(
                async (field, token) => Single<V1Deployment>(await client.AppsV1.ListNamespacedDeploymentAsync(@namespace, fieldSelector: field, cancellationToken: token)),
                (field, version, timeout, onError, token) => client.AppsV1.WatchListNamespacedDeploymentAsync(@namespace, fieldSelector: field, resourceVersion: version,
                    timeoutSeconds: timeout, allowWatchBookmarks: true, onError: onError, cancellationToken: token)),
                workload.Name, RolloutStatus.Of, d => d.Spec.Selector, seen, watchTimeout, ct),
            WorkloadKind.StatefulSet => FollowAsync(new NamedObjectSource<V1StatefulSet>(
                async (field, token) => Single<V1StatefulSet>(await client.AppsV1.ListNamespacedStatefulSetAsync(@namespace, fieldSelector: field, cancellationToken: token)),
                (field, version, timeout, onError, token) => client.AppsV1.WatchListNamespacedStatefulSetAsync(@namespace, fieldSelector: field, resourceVersion: version,
                    timeoutSeconds: timeout, allowWatchBookmarks: true, onError: onError, cancellationToken: token)),
                workload.Name, RolloutStatus.Of, s => s.Spec.Selector, seen, watchTimeout, ct),
            WorkloadKind.Job => FollowAsync(new NamedObjectSource<V1Job>(
                async (field, token) => Single<V1Job>(await client.BatchV1.ListNamespacedJobAsync(@namespace, fieldSelector: field, cancellationToken: token)),
                (field, version, timeout, onError, token) => client.BatchV1.WatchListNamespacedJobAsync(@namespace, fieldSelector: field, resourceVersion: version,
                    timeoutSeconds: timeout, allowWatchBookmarks: true, onError: onError, cancellationToken: token)),
                workload.Name, RolloutStatus.Of, j => j.Spec.Selector, seen, watchTimeout, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(workload), workload.Kind, "Not a workload kind the pipeline waits for."),
        };

    static async Task<RolloutStatus> FollowAsync<T>(NamedObjectSource<T> source, string name, Func<T, RolloutStatus> judge, Func<T, V1LabelSelector?> selector,
        Action<RolloutStatus, V1LabelSelector?> seen, TimeSpan? watchTimeout, CancellationToken ct)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var status = RolloutStatus.NotFound;
        await NamedObjectWatch.FollowAsync(source, name, item =>
        {
            status = item is null ? RolloutStatus.NotFound : judge(item);
            seen(status, item is null ? null : selector(item));
            return status.Done || status.Failed;
        }, watchTimeout, ct);
        return status;
    }

    static (T? Item, string ResourceVersion) Single<T>(IKubernetesObject<V1ListMeta> list) where T : IKubernetesObject<V1ObjectMeta> =>
        (((IItems<T>)list).Items.SingleOrDefault(), list.Metadata.ResourceVersion);
}
