using k8s;
using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether the platform's claims will be bound: static volumes given, else the named storage class
/// exists, else the cluster has a default class. kubeadm clusters have none: the report made its
/// PersistentVolumes by hand; --volumes static does that for the user.
/// </summary>
public static class StorageCheck
{
    const string Name = "storage";
    const string DefaultAnnotation = "storageclass.kubernetes.io/is-default-class";
    const string BetaDefaultAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    public static async Task<PreflightCheck> RunAsync(IKubernetes client, KubernetesOptions options, IReadOnlyList<RenderedObject> rendered, string? staticVolumesProblem, CancellationToken ct)
    {
        var claims = rendered.Count(o => o.Kind == "PersistentVolumeClaim");
        if (claims == 0) return PreflightCheck.Passed(Name, "the platform has no volumes");
        if (options.Volumes == VolumeMode.Static)
            return staticVolumesProblem is null
                ? PreflightCheck.Passed(Name, $"{claims} claim(s) on static volumes under {options.VolumeRoot}" + (options.VolumeNode is null ? "" : $" on node {options.VolumeNode}"))
                : PreflightCheck.Failed(Name, staticVolumesProblem, "Give --volume-root (and --volume-node when the cluster has several nodes).");
        var classes = (await client.StorageV1.ListStorageClassAsync(cancellationToken: ct)).Items;
        var names = classes.Count == 0 ? "none" : string.Join(", ", classes.Select(c => c.Metadata.Name));
        if (options.StorageClass is { } wanted)
            return classes.Any(c => c.Metadata.Name == wanted)
                ? PreflightCheck.Passed(Name, $"{claims} claim(s) of storage class {wanted}")
                : PreflightCheck.Failed(Name, $"--storage-class {wanted} does not exist (the cluster has: {names})", $"Name an existing class, or {BothWaysOut}");
        var byDefault = classes.FirstOrDefault(c => IsDefault(c.Metadata.Annotations));
        return byDefault is not null
            ? PreflightCheck.Passed(Name, $"{claims} claim(s) of the default storage class {byDefault.Metadata.Name}")
            : PreflightCheck.Failed(Name, $"{claims} claim(s) would stay Pending: no default storage class (the cluster has: {names})", BothWaysOut);
    }

    const string BothWaysOut =
        "either deploy with static volumes (--volumes static --volume-root /srv/mooc-volumes: a PersistentVolume per claim in a node's directory), "
        + "or install a provisioner and make its class the default (kubectl annotate storageclass NAME storageclass.kubernetes.io/is-default-class=true), or name one with --storage-class.";

    static bool IsDefault(IDictionary<string, string>? annotations) =>
        annotations is not null && (annotations.TryGetValue(DefaultAnnotation, out var v) && v == "true" || annotations.TryGetValue(BetaDefaultAnnotation, out var b) && b == "true");
}
