using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Kubernetes.Diagnosis;
using Mooc.Platform.Cluster.Status;
using Mooc.Platform.Model;

namespace Mooc.Kubernetes.Status;

/// <summary>A deployment on a cluster as it runs now: each service's workload and pods (by the deployment's labels), why one is not ready, and where it answers.</summary>
public static class KubernetesStatus
{
    public static async Task<DeploymentStatus> ReadAsync(IKubernetes client, KubernetesOptions options, PlatformDefinition platform, string deployment, CancellationToken ct)
    {
        var selector = DeploymentLabels.Selector(platform.Name, deployment);
        // Three independent lists, read at once: Status --watch reads them every two seconds.
        var podList = client.CoreV1.ListNamespacedPodAsync(options.Namespace, labelSelector: DeploymentLabels.ServerPods(platform.Name, deployment), cancellationToken: ct);
        var deploymentList = client.AppsV1.ListNamespacedDeploymentAsync(options.Namespace, labelSelector: selector, cancellationToken: ct);
        var statefulSetList = client.AppsV1.ListNamespacedStatefulSetAsync(options.Namespace, labelSelector: selector, cancellationToken: ct);
        await Task.WhenAll(podList, deploymentList, statefulSetList);
        var (pods, deployments, statefulSets) = ((await podList).Items, (await deploymentList).Items, (await statefulSetList).Items);
        if (deployments.Count == 0 && statefulSets.Count == 0) return new DeploymentStatus([], []);
        var services = await Task.WhenAll(platform.EnabledServices.Select(async service =>
        {
            var (desired, ready) = deployments.FirstOrDefault(d => d.Metadata.Name == service.Name) is { } d
                ? (d.Spec.Replicas ?? 1, d.Status?.ReadyReplicas ?? 0)
                : statefulSets.FirstOrDefault(s => s.Metadata.Name == service.Name) is { } s
                    ? (s.Spec.Replicas ?? 1, s.Status?.ReadyReplicas ?? 0)
                    : (service.Replicas, 0);
            var mine = pods.Where(p => p.Metadata.Labels.Label(LabelNames.Name) == service.Name).ToList();
            var images = mine.SelectMany(p => p.Spec.Containers.Take(1)).Select(c => ServiceState.TagOf(c.Image)).Distinct().ToList();
            var started = mine.Select(p => p.Status?.StartTime).OfType<DateTime>().ToList();
            var restarts = mine.Sum(p => p.Status?.ContainerStatuses?.Sum(c => (long)c.RestartCount) ?? 0);
            return new ServiceState(service.Name, desired, ready, images.Count == 0 ? "-" : string.Join(", ", images),
                started.Count == 0 ? null : DateTime.UtcNow - started.Min().ToUniversalTime(), restarts,
                ready < desired ? await NoteAsync(client, options.Namespace, mine, desired, ct) : null);
        }));
        return new DeploymentStatus(services, await UrlsAsync(client, options, platform, selector, ct));
    }

    /// <summary>The first pod that is not ready, in one line: the reason Kubernetes gives, else its last event, else its phase.</summary>
    static async Task<string> NoteAsync(IKubernetes client, string @namespace, IReadOnlyList<V1Pod> pods, int desired, CancellationToken ct)
    {
        if (pods.FirstOrDefault(p => !PodReadiness.IsReady(p)) is not { } pod) return $"{desired - pods.Count} pod(s) missing";
        var d = await PodDiagnosis.DiagnosePodAsync(client, pod, ct);
        return $"{d.Instance}: " + (d.Reason ?? d.Events?.LastOrDefault() ?? d.State);
    }

    static async Task<IReadOnlyList<string>> UrlsAsync(IKubernetes client, KubernetesOptions options, PlatformDefinition platform, string selector, CancellationToken ct)
    {
        if (options.PublicUrl is { } url) return [$"{url} (--public-url)"];
        var ingresses = (await client.NetworkingV1.ListNamespacedIngressAsync(options.Namespace, labelSelector: selector, cancellationToken: ct)).Items;
        var urls = ingresses.SelectMany(i => i.Spec.Rules ?? []).Where(r => r.Host is not null).Select(r => $"http://{r.Host}/ (Ingress, through your ingress controller)").ToList();
        if (platform.PublicService is { } service)
            urls.Add($"kubectl --context {options.Context} -n {options.Namespace} port-forward service/{service.Name} 8080:{service.Public!.Port}, then http://127.0.0.1:8080/ (what SmokeTest and LoadTest do without --public-url)");
        return urls;
    }
}
