using k8s;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// Whether the cluster's nodes can run the images as built, without a registry: every node runs
/// on this machine's Docker engine (the test cluster, or a one-node kubeadm on the build server),
/// recognised by the node's machine ID and container runtime. Elsewhere the images must be pushed.
/// </summary>
public static class NodeImages
{
    public static async Task EnsureReachableAsync(IKubernetes client, bool usesRegistry, CancellationToken ct)
    {
        if (usesRegistry) return;
        var machineId = File.Exists("/etc/machine-id") ? (await File.ReadAllTextAsync("/etc/machine-id", ct)).Trim() : null;
        var nodes = (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items;
        var elsewhere = nodes
            .Where(n => machineId is null || n.Status?.NodeInfo?.MachineID != machineId || n.Status?.NodeInfo?.ContainerRuntimeVersion?.StartsWith("docker://") != true)
            .Select(n => n.Metadata.Name)
            .ToList();
        if (nodes.Count > 0 && elsewhere.Count == 0) return;
        throw new BuildException(
            $"The images were built on this machine's Docker engine, which {(nodes.Count == 0 ? "no node of the cluster" : $"node(s) {string.Join(", ", elsewhere)}")} runs on, so the cluster cannot see them. " +
            "Push them to a registry the nodes can pull from: --registry HOST[:PORT] (and --registry-credentials when it needs a login).");
    }
}
