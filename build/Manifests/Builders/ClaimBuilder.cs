using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>One PersistentVolumeClaim per volume name (a volume shared by services is one ReadWriteMany claim).</summary>
static class ClaimBuilder
{
    public static IEnumerable<V1PersistentVolumeClaim> Build(RenderContext context) =>
        Declared(context).Select(c => Claim(context, c.Owner, c.Volume));

    /// <summary>Each claim once, with the first service (in the platform's order) that declares it: its labels name that service.</summary>
    public static IEnumerable<(ServiceDefinition Owner, VolumeDefinition Volume)> Declared(RenderContext context) =>
        context.Services
            .SelectMany(s => s.Volumes.Where(v => v.IsClaim).Select(v => (Owner: s, Volume: v)))
            .GroupBy(x => x.Volume.Name)
            .Select(g => g.First());

    static V1PersistentVolumeClaim Claim(RenderContext context, ServiceDefinition owner, VolumeDefinition volume) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = new V1ObjectMeta { Name = volume.Name, NamespaceProperty = context.Namespace, Labels = Labels.For(context, owner.Name, "storage") },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = [volume.AccessMode.ToString()],
            StorageClassName = context.ClaimStorageClass,
            // With static volumes the claim names its own volume, as the volume's claimRef names the claim: bound both ways, nothing else takes either.
            VolumeName = context.Options.StaticVolumes is null ? null : StaticVolumes.VolumeName(context.Namespace, volume.Name),
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(volume.Size) } },
        },
    };
}
