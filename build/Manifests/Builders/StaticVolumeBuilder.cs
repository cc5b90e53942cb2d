using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>With <see cref="RenderOptions.StaticVolumes"/>: one PersistentVolume per claim, on the chosen node, kept when its claim goes.</summary>
static class StaticVolumeBuilder
{
    public static IEnumerable<V1PersistentVolume> Build(RenderContext context) =>
        context.Options.StaticVolumes is { } volumes
            ? ClaimBuilder.Declared(context).Select(c => Volume(context, volumes, c.Owner, c.Volume))
            : [];

    static V1PersistentVolume Volume(RenderContext context, StaticVolumes volumes, ServiceDefinition owner, VolumeDefinition volume)
    {
        var labels = Labels.For(context, owner.Name, "storage");
        labels[LabelNames.HoldsData] = "true";
        return new V1PersistentVolume
        {
            ApiVersion = "v1",
            Kind = "PersistentVolume",
            Metadata = new V1ObjectMeta { Name = StaticVolumes.VolumeName(context.Namespace, volume.Name), Labels = labels },
            Spec = new V1PersistentVolumeSpec
            {
                // hostPath does not enforce a size: the capacity is what the claim asks for, so the two bind.
                Capacity = new Dictionary<string, ResourceQuantity> { ["storage"] = new(volume.Size) },
                // ReadWriteMany is honest here: the node affinity puts every pod of the claim on the one node, where they share one directory.
                AccessModes = [volume.AccessMode.ToString()],
                PersistentVolumeReclaimPolicy = "Retain",
                StorageClassName = context.ClaimStorageClass,
                ClaimRef = new V1ObjectReference { ApiVersion = "v1", Kind = "PersistentVolumeClaim", NamespaceProperty = context.Namespace, Name = volume.Name },
                HostPath = new V1HostPathVolumeSource { Path = volumes.PathOf(context.Namespace, volume.Name), Type = "DirectoryOrCreate" },
                NodeAffinity = new V1VolumeNodeAffinity
                {
                    Required = new V1NodeSelector
                    {
                        NodeSelectorTerms =
                        [
                            new V1NodeSelectorTerm
                            {
                                MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [volumes.Node] }],
                            },
                        ],
                    },
                },
            },
        };
    }
}
