using k8s.Models;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether the kubelets can start the platform's images: pushed to a registry (the kubelet pulls,
/// and retries a failed pull itself with backoff), or already on the nodes as the nodes report them
/// (node status lists a node's 50 largest images).
/// </summary>
public static class ImagesCheck
{
    const string Name = "images";

    public static PreflightCheck Run(IReadOnlyList<string> images, IReadOnlyList<V1Node> nodes, bool usesRegistry)
    {
        if (usesRegistry) return PreflightCheck.Passed(Name, $"{images.Count} image(s) pushed to the registry (--registry); the nodes pull them");
        var onNodes = images.ToDictionary(image => image, image => nodes.Where(n => Has(n, image)).Select(n => n.Metadata.Name).ToList());
        var nowhere = onNodes.Where(i => i.Value.Count == 0).Select(i => i.Key).ToList();
        if (nowhere.Count > 0)
            return PreflightCheck.Failed(Name, $"not on any node and no registry given: {string.Join(", ", nowhere)}",
                "Push the images to a registry the nodes can pull from (--registry HOST[:PORT]), or build them on the node's Docker engine (a one-node cluster on the build machine).");
        var partly = onNodes.Where(i => i.Value.Count < nodes.Count).Select(i => $"{i.Key} (on {string.Join(", ", i.Value)})").ToList();
        return partly.Count > 0
            ? PreflightCheck.Warned(Name, $"only on some nodes: {string.Join("; ", partly)}", "Pods scheduled elsewhere cannot start: push the images with --registry HOST[:PORT].")
            : PreflightCheck.Passed(Name, $"all {images.Count} image(s) on every node");
    }

    static bool Has(V1Node node, string image) =>
        node.Status?.Images?.Any(i => i.Names?.Any(n => n == image || n == "docker.io/" + image || n == "docker.io/library/" + image) == true) == true;
}
