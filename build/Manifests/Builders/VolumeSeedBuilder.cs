using k8s.Models;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>
/// Pod-local volumes (emptyDir), and for those marked fromImage an init container that copies what the image has at
/// the mount path into the volume first: Docker fills a new named volume from the image, Kubernetes mounts it empty
/// over those files. The copy runs in the service's image, as the service's user.
/// </summary>
static class VolumeSeedBuilder
{
    const string SeedPath = "/mooc-seed";

    /// <summary>The loader keeps volume names with fromImage short enough for this to be a container name.</summary>
    public static string SeedContainer(VolumeDefinition volume) => $"seed-{volume.Name}";

    public static V1Volume Volume(VolumeDefinition volume) => volume.Type switch
    {
        VolumeType.Claim => new V1Volume { Name = volume.Name, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = volume.Name } },
        VolumeType.Memory => new V1Volume { Name = volume.Name, EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity(volume.Size) } },
        _ => new V1Volume { Name = volume.Name, EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity(volume.Size) } },
    };

    public static IEnumerable<V1Container> InitContainers(RenderContext context, ServiceDefinition service, V1SecurityContext security) =>
        service.Volumes.Where(v => v.FromImage && !v.IsClaim).Select(v => new V1Container
        {
            Name = SeedContainer(v),
            Image = context.ImageOf(service),
            ImagePullPolicy = "IfNotPresent",
            // "$1/." copies the directory's contents, hidden files included; -a keeps owners and modes as the image has them.
            Command = ["sh", "-c", $"cp -a \"$1/.\" {SeedPath}/", "seed", v.MountPath.TrimEnd('/')],
            VolumeMounts = [new V1VolumeMount { Name = v.Name, MountPath = SeedPath }],
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("32Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("128Mi") },
            },
            SecurityContext = security,
        });
}
