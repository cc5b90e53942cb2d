using System.Diagnostics;
using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;

namespace Images.Tests;

/// <summary>
/// What a killed run leaves is removed by the next run's reaper: objects labelled as going with a run
/// whose process is gone. Everything else stays: a live run's, a deployment's, a kept failure's, another host's.
/// </summary>
public sealed class LeftoverReaperTests : IAsyncLifetime
{
    readonly string _id = Guid.NewGuid().ToString("N")[..10];
    readonly List<string> _containers = [];
    DockerClient _docker = null!;
    string _image = null!;

    [Fact]
    public async Task A_killed_build_leaves_containers_a_network_and_a_volume_that_the_next_run_removes_keeping_everything_else()
    {
        // A build in a process that is then killed (SIGKILL: nothing of it runs any more to clean up).
        using var build = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        var killed = Labels(build.Id, RunLabels.RunLifetime);
        var buildContainer = await ContainerAsync("build", killed);
        var serviceNetwork = (await _docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = $"reapertest-{_id}-net", Labels = killed })).ID;
        var stepVolume = (await _docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = $"reapertest-{_id}-data", Labels = killed })).Name;
        build.Kill();
        await build.WaitForExitAsync();

        // Still running, and the same dead pid on objects that are not the run's to lose.
        using var live = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        try
        {
            var liveRun = await ContainerAsync("live", Labels(live.Id, RunLabels.RunLifetime));
            var deployment = await ContainerAsync("deployment", Labels(build.Id, RunLabels.DeploymentLifetime));
            var kept = await ContainerAsync("kept", Labels(build.Id, RunLabels.KeptLifetime));
            var elsewhere = await ContainerAsync("elsewhere", new(Labels(build.Id, RunLabels.RunLifetime)) { [LabelNames.RunHost] = "another-host" });
            var unlabelled = await ContainerAsync("unlabelled", []);

            await LeftoverReaper.ReapAsync(_docker, CancellationToken.None);

            Assert.False(await ContainerExistsAsync(buildContainer));
            Assert.Empty(await _docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = ById(serviceNetwork) }));
            Assert.DoesNotContain((await _docker.Volumes.ListAsync()).Volumes ?? [], v => v.Name == stepVolume);
            foreach (var survivor in new[] { liveRun, deployment, kept, elsewhere, unlabelled })
                Assert.True(await ContainerExistsAsync(survivor), $"{survivor} was removed");
        }
        finally
        {
            live.Kill();
        }
    }

    [Fact]
    public async Task What_this_run_makes_is_never_its_own_leftover_even_when_the_engines_clock_is_behind()
    {
        var mine = await ContainerAsync("mine", RunLabels.Transient());

        await LeftoverReaper.ReapAsync(_docker, CancellationToken.None);

        Assert.True(await ContainerExistsAsync(mine));
        Assert.Equal(Environment.ProcessId.ToString(), (await _docker.Containers.InspectContainerAsync(mine)).Config.Labels[LabelNames.RunPid]);

        // Made, by an engine clock that is behind, before this process started: by its pid alone that
        // is a reused pid's leftover; only the run id tells this run's own objects apart.
        using var me = Process.GetCurrentProcess();
        var madeBeforeStart = me.StartTime.ToUniversalTime().AddMinutes(-1);
        Assert.True(LeftoverReaper.IsLeftover(new Dictionary<string, string>(RunLabels.Transient()) { [LabelNames.Run] = "another-run" }, madeBeforeStart));
        Assert.False(LeftoverReaper.IsLeftover(RunLabels.Transient(), madeBeforeStart));
    }

    /// <summary>The labels a run in process <paramref name="pid"/> puts on what it makes.</summary>
    static Dictionary<string, string> Labels(int pid, string lifetime)
    {
        var labels = RunLabels.With(new Dictionary<string, string>(), lifetime);
        labels[LabelNames.Run] = $"test-{pid}";
        labels[LabelNames.RunPid] = pid.ToString();
        return labels;
    }

    async Task<string> ContainerAsync(string role, Dictionary<string, string> labels)
    {
        var created = await _docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"reapertest-{_id}-{role}",
            Image = _image,
            Cmd = ["/never-started"],
            Labels = labels,
        });
        _containers.Add(created.ID);
        return created.ID;
    }

    async Task<bool> ContainerExistsAsync(string id)
    {
        try
        {
            await _docker.Containers.InspectContainerAsync(id);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    static Dictionary<string, IDictionary<string, bool>> ById(string id) => new() { ["id"] = new Dictionary<string, bool> { [id] = true } };

    /// <summary>An image of one file, imported in milliseconds: the containers here are only ever created, never started.</summary>
    public async Task InitializeAsync()
    {
        _docker = await DockerProbe.ClientAsync();
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "marker") { DataStream = new MemoryStream("reaper test\n"u8.ToArray()) };
            await writer.WriteEntryAsync(entry);
        }
        tar.Position = 0;
        _image = $"reapertest-{_id}:1";
        await _docker.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = $"reapertest-{_id}", Tag = "1" }, tar, null, new Progress<JSONMessage>());
    }

    public async Task DisposeAsync()
    {
        foreach (var id in _containers)
        {
            try { await _docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }); }
            catch (DockerContainerNotFoundException) { }
        }
        // Only there when the reaper failed to remove them.
        foreach (var network in await _docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"reapertest-{_id}"] = true } } }))
            await _docker.Networks.DeleteNetworkAsync(network.ID);
        try { await _docker.Volumes.RemoveAsync($"reapertest-{_id}-data", force: true); }
        catch (DockerApiException) { }
        await _docker.Images.DeleteImageAsync(_image, new ImageDeleteParameters { Force = true });
        _docker.Dispose();
    }
}
