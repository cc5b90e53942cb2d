using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Images;

namespace Images.Tests;

/// <summary>The reference platform's four images, built (or found up to date) once for the tests that run them.</summary>
public sealed class ReferenceImagesFixture : IAsyncLifetime
{
    readonly List<string> _containers = [];
    readonly List<string> _networks = [];

    public ImageSet Images { get; private set; } = null!;
    public DockerClient Docker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Docker = await DockerProbe.ClientAsync();
        Images = await ImageBuilder.BuildAsync(new ImageBuildRequest { RepositoryRoot = RepositoryPaths.Root }, CancellationToken.None);
    }

    public async Task<string> NetworkAsync()
    {
        var network = await Docker.Networks.CreateNetworkAsync(new NetworksCreateParameters { Name = $"mooc-imagetest-net-{Guid.NewGuid():N}"[..31], Labels = RunLabels.Transient() });
        _networks.Add(network.ID);
        return network.ID;
    }

    /// <summary>Starts a recipe's image on a network under an alias; returns the container's address there.</summary>
    public async Task<(string Id, string Address)> StartAsync(string recipe, string network, string alias, params string[] environment)
    {
        var created = await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"mooc-imagetest-{recipe}-{Guid.NewGuid():N}"[..(24 + recipe.Length)],
            Image = Images[recipe].Reference,
            Env = environment,
            Labels = RunLabels.Transient(),
            HostConfig = new HostConfig { NetworkMode = network },
            NetworkingConfig = new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new() { Aliases = [alias] } } },
        });
        _containers.Add(created.ID);
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        var inspect = await Docker.Containers.InspectContainerAsync(created.ID);
        return (created.ID, inspect.NetworkSettings.Networks.Values.Single().IPAddress);
    }

    /// <summary>The user id the container's main process runs as (from /proc, not from the image config).</summary>
    public async Task<string> MainProcessUidAsync(string container)
    {
        var (_, output) = await DockerProbe.ExecAsync(Docker, container, "awk", "/^Uid:/ { print $2 }", "/proc/1/status");
        return output.Trim();
    }

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
            await Docker.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true });
        foreach (var network in _networks)
            await Docker.Networks.DeleteNetworkAsync(network);
        Docker.Dispose();
    }
}
