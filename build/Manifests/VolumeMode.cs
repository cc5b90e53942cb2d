namespace Mooc.Manifests;

/// <summary>Where the claims' volumes come from (--volumes).</summary>
public enum VolumeMode
{
    /// <summary>The cluster's provisioner: claims name --storage-class, or none for the cluster's default class.</summary>
    Provisioned,

    /// <summary>The renderer writes a PersistentVolume per claim (<see cref="StaticVolumes"/>), for clusters with no provisioner.</summary>
    Static,
}
