using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Docker;
using Mooc.Local;
using Mooc.Platform.Cluster;

namespace Local.Tests;

/// <summary>A connected local engine and a way to deploy something that is purged whatever the test's outcome.</summary>
public abstract class EngineTest : IAsyncLifetime
{
    readonly List<ClusterDeployment> _deployments = [];
    protected LocalCluster Cluster { get; private set; } = null!;
    protected DockerClient Docker => Cluster.Client;

    public async Task InitializeAsync() => Cluster = new LocalCluster(await DockerEngine.ConnectAsync(CancellationToken.None));

    protected ClusterDeployment Track(ClusterDeployment deployment)
    {
        _deployments.Add(deployment);
        return deployment;
    }

    public async Task DisposeAsync()
    {
        foreach (var deployment in _deployments)
            await Cluster.RemoveAsync(deployment.Platform.Name, deployment.Name, purge: true, CancellationToken.None);
        Cluster.Dispose();
    }

    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    protected async Task<string> GetAsync(ClusterDeployment deployment, string path)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(deployment.PublicUrl, path));
    }

    protected async Task<IList<ContainerListResponse>> ContainersAsync(ClusterDeployment deployment) =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = LocalNames.Filter(deployment.Platform.Name, deployment.Name),
        });
}
