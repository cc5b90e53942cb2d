using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether the Ready nodes can hold the platform: its summed CPU and memory requests (each
/// workload's pod times its replicas, plus the largest migration Job, which runs beside them)
/// against the nodes' allocatable, and each pod against the largest node. What other pods already
/// request on the nodes only warns: they may go away, the nodes' size does not.
/// </summary>
public static class CapacityCheck
{
    const string Name = "nodes and capacity";

    public sealed record Amounts(decimal Cpu, decimal Memory)
    {
        public static Amounts Zero { get; } = new(0, 0);
        public static Amounts operator +(Amounts a, Amounts b) => new(a.Cpu + b.Cpu, a.Memory + b.Memory);
        public static Amounts operator -(Amounts a, Amounts b) => new(a.Cpu - b.Cpu, a.Memory - b.Memory);
        public static Amounts operator *(Amounts a, int n) => new(a.Cpu * n, a.Memory * n);
        public bool FitsIn(Amounts room) => Cpu <= room.Cpu && Memory <= room.Memory;
        public override string ToString() => $"{Cpu:0.###} CPU, {Memory / (1L << 20):0} MiB";
    }

    /// <summary>A pod's requests; a container with limits but no requests is given requests equal to its limits, as Kubernetes does.</summary>
    public static Amounts Requests(V1PodSpec pod) => pod.Containers.Aggregate(Amounts.Zero, (sum, c) =>
    {
        var requests = c.Resources?.Requests ?? c.Resources?.Limits;
        return sum + new Amounts(Quantity(requests, "cpu"), Quantity(requests, "memory"));
    });

    static decimal Quantity(IDictionary<string, ResourceQuantity>? amounts, string name) =>
        amounts is not null && amounts.TryGetValue(name, out var q) ? q.ToDecimal() : 0;

    public static PreflightCheck Run(IReadOnlyList<RenderedObject> rendered, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> otherPods)
    {
        var ready = nodes.Where(n => n.Spec?.Unschedulable != true && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true).ToList();
        if (ready.Count == 0)
            return PreflightCheck.Failed(Name, nodes.Count == 0 ? "the cluster has no nodes" : $"no node is Ready and schedulable ({string.Join(", ", nodes.Select(n => n.Metadata.Name))})",
                "kubectl describe node NAME says why (kubelet down, network plugin missing, cordoned: kubectl uncordon NAME).");
        var pods = new List<(string Name, Amounts Requests, int Replicas)>();
        foreach (var obj in rendered)
            switch (obj.Object)
            {
                case V1Deployment d: pods.Add((obj.Name, Requests(d.Spec.Template.Spec), d.Spec.Replicas ?? 1)); break;
                case V1StatefulSet s: pods.Add((obj.Name, Requests(s.Spec.Template.Spec), s.Spec.Replicas ?? 1)); break;
            }
        var largestJob = rendered.Select(o => o.Object).OfType<V1Job>().Select(j => Requests(j.Spec.Template.Spec)).MaxBy(a => a.Cpu + a.Memory / (1L << 30)) ?? Amounts.Zero;
        var needed = pods.Aggregate(largestJob, (sum, p) => sum + p.Requests * p.Replicas);
        var allocatable = ready.Select(Allocatable).ToList();
        var total = allocatable.Aggregate(Amounts.Zero, (a, b) => a + b);
        var largest = allocatable.MaxBy(a => a.Cpu + a.Memory / (1L << 30))!;
        var tooBig = pods.Where(p => !p.Requests.FitsIn(largest)).Select(p => $"{p.Name} ({p.Requests})").ToList();
        var nodesText = $"{ready.Count} of {nodes.Count} node(s) Ready, allocatable {total}; the platform requests {needed}";
        if (!needed.FitsIn(total) || tooBig.Count > 0)
        {
            var missing = new List<string>();
            if (needed.Cpu > total.Cpu) missing.Add($"{needed.Cpu - total.Cpu:0.###} CPU");
            if (needed.Memory > total.Memory) missing.Add($"{(needed.Memory - total.Memory) / (1L << 20):0} MiB");
            var detail = nodesText + (missing.Count > 0 ? $": {string.Join(" and ", missing)} short" : "")
                + (tooBig.Count > 0 ? $"; no node is large enough for: {string.Join(", ", tooBig)} (largest node: {largest})" : "");
            return PreflightCheck.Failed(Name, detail, "Lower the services' resources.requests (or replicas) in the platform's platform.yaml, or add nodes / larger nodes.");
        }
        var readyNames = ready.Select(n => n.Metadata.Name).ToHashSet();
        var used = otherPods.Where(p => p.Spec.NodeName is { } node && readyNames.Contains(node) && p.Status?.Phase is not ("Succeeded" or "Failed"))
            .Aggregate(Amounts.Zero, (sum, p) => sum + Requests(p.Spec));
        var free = total - used;
        return needed.FitsIn(free)
            ? PreflightCheck.Passed(Name, $"{nodesText}; {free} free")
            : PreflightCheck.Warned(Name, $"{nodesText}, but other pods already request {used}: only {free} free", "Some pods may stay Pending until others go; 'kubectl describe node' shows who requests what.");
    }

    static Amounts Allocatable(V1Node node) => new(Quantity(node.Status.Allocatable, "cpu"), Quantity(node.Status.Allocatable, "memory"));
}
