using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Kubernetes;

/// <summary>
/// Stop and Start on Kubernetes: a service's workload scaled to zero, its replica count before kept
/// in an annotation on it, and scaled back to that (else to the rendered count). The objects, claims
/// and data stay; a later Deploy also brings the rendered count back (it owns spec.replicas and
/// takes it back from the manager <see cref="FieldManager"/>).
/// </summary>
sealed class WorkloadScale(IKubernetes client, string @namespace)
{
    public const string FieldManager = "mooc-build-stop";
    public const string ReplicasBeforeStop = "mooc.build/replicas-before-stop";

    public async Task StopAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        var selected = ServiceOrder.Named(deployment, services);
        foreach (var service in selected.Reverse())
        {
            if (await ReadAsync(service, ct) is not { Replicas: > 0 } current) continue;
            Log.Info($"Scaling {Kind(service)} {service.Name} from {current.Replicas} to 0 replicas");
            await PatchAsync(service, 0, current.Replicas.ToString(), ct);
        }
        var selector = DeploymentLabels.ServerPods(deployment.Platform.Name, deployment.Name);
        var names = selected.Select(s => s.Name).ToHashSet();
        var gone = new Wait($"the pods of {string.Join(", ", names)} to stop", TimeSpan.FromMinutes(2)) { ReportEvery = TimeSpan.FromSeconds(10) };
        await gone.UntilAsync<int>(async token =>
        {
            var pods = (await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: selector, cancellationToken: token)).Items;
            var left = pods.Count(p => names.Contains(p.Metadata.Labels.Label(LabelNames.Name) ?? ""));
            return left == 0 ? Seen.Done(0) : Seen.NotYet($"{left} pod(s) left");
        }, ct);
    }

    public async Task<IReadOnlyList<string>> StartAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var service in ServiceOrder.Named(deployment, services))
        {
            if (await ReadAsync(service, ct) is not { } current)
            {
                missing.Add(service.Name);
                continue;
            }
            var replicas = current.Annotations.TryGetValue(ReplicasBeforeStop, out var kept) && int.TryParse(kept, out var n) ? n : service.Replicas;
            if (current.Replicas == replicas) continue;
            Log.Info($"Scaling {Kind(service)} {service.Name} to {replicas} replicas");
            await PatchAsync(service, replicas, null, ct);
        }
        return missing;
    }

    static string Kind(ServiceDefinition service) => service.Kind == ServiceKind.Stateful ? "statefulset" : "deployment";

    /// <summary>The workload's replica count and annotations; null when it does not exist.</summary>
    async Task<(int Replicas, IDictionary<string, string> Annotations)?> ReadAsync(ServiceDefinition service, CancellationToken ct)
    {
        try
        {
            if (service.Kind == ServiceKind.Stateful)
            {
                var set = await client.AppsV1.ReadNamespacedStatefulSetAsync(service.Name, @namespace, cancellationToken: ct);
                return (set.Spec.Replicas ?? 1, set.Metadata.Annotations ?? new Dictionary<string, string>());
            }
            var workload = await client.AppsV1.ReadNamespacedDeploymentAsync(service.Name, @namespace, cancellationToken: ct);
            return (workload.Spec.Replicas ?? 1, workload.Metadata.Annotations ?? new Dictionary<string, string>());
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>One merge patch: the replica count and the annotation that remembers the one before (null removes it).</summary>
    async Task PatchAsync(ServiceDefinition service, int replicas, string? before, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ReplicasBeforeStop] = before } },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        if (service.Kind == ServiceKind.Stateful)
            await client.AppsV1.PatchNamespacedStatefulSetAsync(patch, service.Name, @namespace, fieldManager: FieldManager, cancellationToken: ct);
        else
            await client.AppsV1.PatchNamespacedDeploymentAsync(patch, service.Name, @namespace, fieldManager: FieldManager, cancellationToken: ct);
    }
}
