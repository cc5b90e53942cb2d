using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;
using Mooc.Tests.Shared;

namespace Local.Tests;

/// <summary>
/// Pod-local volumes on the local engine, as the openedx browsers and asset directories use them: a memory volume is
/// a tmpfs of the declared size (/dev/shm for a browser), an empty-dir volume filled from the image shows the image's
/// files there, and neither outlives the container nor becomes a named volume of the deployment.
/// </summary>
public sealed class PodLocalVolumeTests : EngineTest
{
    [Fact]
    public async Task A_memory_volume_is_a_tmpfs_of_its_size_and_an_image_filled_one_shows_the_images_files()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var app = platform.Service("app");
        VolumeDefinition[] podLocal =
        [
            new("shm", "/dev/shm", "96Mi", VolumeAccessMode.ReadWriteOnce) { Type = VolumeType.Memory },
            new("srv", "/srv", "16Mi", VolumeAccessMode.ReadWriteOnce) { Type = VolumeType.EmptyDir, FromImage = true },
        ];
        var withVolumes = platform with { Services = platform.Services.Select(s => s == app ? s with { Volumes = [.. s.Volumes, .. podLocal] } : s).ToList() };
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, withVolumes));

        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        var container = LocalNames.Container(deployment.Name, "app", 1);
        var (_, shm) = await StandIn.ExecAsync(Docker, container, "awk '$2 == \"/dev/shm\" {print $3, $4}' /proc/mounts");
        Assert.StartsWith("tmpfs", shm);
        Assert.Contains("size=98304k", shm);
        var (_, index) = await StandIn.ExecAsync(Docker, container, "cat /srv/index");
        Assert.Equal("hello\n", index);
        var (written, _) = await StandIn.ExecAsync(Docker, container, "echo mine > /srv/other");
        Assert.Equal(0, written);
        var volumes = await LocalStorage.ListVolumesAsync(Docker, "standin", deployment.Name, CancellationToken.None);
        Assert.DoesNotContain(volumes, v => v.Name.Contains("shm") || v.Name.Contains("srv"));

        var inspected = await Docker.Containers.InspectContainerAsync(container);
        var anonymous = inspected.Mounts.Single(m => m.Destination == "/srv").Name;
        await PlatformRollout.RemoveAsync(Cluster, "standin", deployment.Name, purge: false, CancellationToken.None);
        var left = await Docker.Volumes.ListAsync(new Docker.DotNet.Models.VolumesListParameters());
        Assert.DoesNotContain(left.Volumes ?? [], v => v.Name == anonymous);
    }
}
