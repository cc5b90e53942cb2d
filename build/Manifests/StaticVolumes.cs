using k8s.Models;
using Mooc.Build;

namespace Mooc.Manifests;

/// <summary>
/// Volumes for a cluster with no provisioner (kubeadm as the report set it up): the renderer writes one
/// PersistentVolume per claim, a directory <c>&lt;Root&gt;/&lt;namespace&gt;/&lt;claim&gt;</c> on <see cref="Node"/>,
/// bound to its claim both ways and kept (Retain) when the claim goes. Without it, claims are left to the
/// cluster's default StorageClass.
/// </summary>
/// <remarks>
/// hostPath with type DirectoryOrCreate and a node affinity rather than a <c>local</c> volume: a local volume's
/// directory must exist before a pod mounts it, and the pipeline has no shell on the node to make it (only the API
/// server); with DirectoryOrCreate the kubelet makes it on first mount. The node affinity gives what local would:
/// the scheduler puts every pod of the claim on the node that holds the data. The directories the kubelet makes
/// belong to root (mode 0755) and fsGroup does not apply to hostPath: a service running as another user needs an
/// image or entrypoint that takes ownership (as the database images do when they start as root).
/// </remarks>
public sealed record StaticVolumes
{
    /// <summary>The storage class of the volumes and their claims when no --storage-class names one. No StorageClass object is needed: a claim that names a class and a volume binds without a provisioner.</summary>
    public const string DefaultStorageClass = "mooc-static";

    /// <param name="root">Absolute directory on the node under which each claim's data lives.</param>
    /// <param name="node">The node's name (its kubernetes.io/hostname label) that keeps the data.</param>
    public StaticVolumes(string root, string node)
    {
        Root = root;
        Node = node;
    }

    /// <summary>Absolute directory on the node, without a trailing '/'; each claim's data is in &lt;Root&gt;/&lt;namespace&gt;/&lt;claim&gt;.</summary>
    public string Root
    {
        get;
        init => field = ValidRoot(value);
    }

    /// <summary>The node that keeps the data: a node name (kubernetes.io/hostname).</summary>
    public string Node
    {
        get;
        init => field = DnsNames.IsSubdomain(value)
            ? value
            : throw new ArgumentException(
                $"Static volumes: node '{value}' (--volume-node) is not a node name; allowed: {DnsNames.HostRule}. Give a name from 'kubectl get nodes'.");
    }

    /// <summary>
    /// What --volumes, --volume-root and --volume-node ask for on a cluster with these nodes: null with
    /// <see cref="VolumeMode.Provisioned"/>; else the volumes, on the named node or, when none is named, the cluster's
    /// only node. A mistake in the call (no root, no node to choose on a cluster of several, a node the cluster does not
    /// have) is a <see cref="BuildException"/> naming the parameter and the nodes there are.
    /// </summary>
    public static StaticVolumes? For(VolumeMode mode, string? root, string? node, IReadOnlyCollection<string> clusterNodes)
    {
        if (mode == VolumeMode.Provisioned) return null;
        var nodes = string.Join(", ", clusterNodes.Order(StringComparer.Ordinal));
        if (root is null)
            throw new BuildException("--volumes static needs --volume-root: the absolute directory on the node where the volumes' data should live, e.g. --volume-root /srv/mooc-volumes.");
        var chosen = node ?? (clusterNodes.Count == 1
            ? clusterNodes.First()
            : throw new BuildException(clusterNodes.Count == 0
                ? "--volumes static: the cluster lists no nodes, so none can keep the volumes. Join a node, or check the context's permission to list nodes."
                : $"--volumes static: the cluster has {clusterNodes.Count} nodes ({nodes}); name the one that keeps the data with --volume-node."));
        if (clusterNodes.Count > 0 && !clusterNodes.Contains(chosen))
            throw new BuildException($"--volume-node {chosen}: the cluster has no such node; it has: {nodes}.");
        try
        {
            return new StaticVolumes(root, chosen);
        }
        catch (ArgumentException e)
        {
            throw new BuildException(e.Message);
        }
    }

    /// <summary>The PersistentVolume of a claim: cluster-scoped, so its name carries the claim's namespace.</summary>
    public static string VolumeName(string @namespace, string claim) => $"{@namespace}-{claim}";

    /// <summary>The directory on <see cref="Node"/> that holds a claim's data.</summary>
    public string PathOf(string @namespace, string claim) => $"{(Root == "/" ? "" : Root)}/{@namespace}/{claim}";

    /// <summary>
    /// True for a PersistentVolume the renderer wrote for a deployment's claim: it holds that deployment's data, so
    /// neither a prune of objects no longer rendered nor a Down (with or without --purge) may delete it. Its
    /// reclaim policy is Retain, so deleting its claim leaves it Released with the data on disk.
    /// </summary>
    public static bool IsDataVolume(V1PersistentVolume volume) =>
        volume.Metadata?.Labels.Label(LabelNames.HoldsData) == "true";

    static string ValidRoot(string value)
    {
        const string Fix = "Give the absolute directory on the node where the volumes' data should live, e.g. --volume-root /srv/mooc-volumes.";
        if (string.IsNullOrEmpty(value) || !value.StartsWith('/'))
            throw new ArgumentException($"Static volumes: root '{value}' (--volume-root) is not an absolute path on the node. {Fix}");
        var parts = value.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is "." or ".."))
            throw new ArgumentException($"Static volumes: root '{value}' (--volume-root) has a '.' or '..' part; the kubelet takes the path as written. {Fix}");
        if (value.Any(char.IsControl))
            throw new ArgumentException($"Static volumes: root (--volume-root) contains a control character. {Fix}");
        return "/" + string.Join('/', parts);
    }
}
