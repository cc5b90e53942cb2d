using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>One PersistentVolumeClaim per volume name (a volume shared by services is one ReadWriteMany claim).</summary>
static class ClaimBuilder
{
    public static IEnumerable<V1PersistentVolumeClaim> Build(RenderContext context) =>
        context.Services
            .SelectMany(s => s.Volumes.Select(v => (Service: s, Volume: v)))
            .GroupBy(x => x.Volume.Name)
            .Select(g => Claim(context, g.First().Service, g.First().Volume));

    static V1PersistentVolumeClaim Claim(RenderContext context, ServiceDefinition owner, VolumeDefinition volume) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = new V1ObjectMeta { Name = volume.Name, NamespaceProperty = context.Namespace, Labels = Labels.For(context, owner.Name, "storage") },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = [volume.AccessMode.ToString()],
            StorageClassName = context.Options.StorageClass,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(volume.Size) } },
        },
    };
}
