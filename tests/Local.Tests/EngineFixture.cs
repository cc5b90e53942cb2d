using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Docker;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Tests.Shared;

namespace Local.Tests;

/// <summary>A connected local engine and a way to deploy something that is purged whatever the test's outcome.</summary>
public abstract class EngineTest : IAsyncLifetime
{
    readonly List<(string Platform, string Name)> _deployments = [];
    protected LocalCluster Cluster { get; private set; } = null!;
    protected DockerClient Docker => Cluster.Client;

    public async Task InitializeAsync() => Cluster = new LocalCluster(await DockerEngine.ConnectAsync(CancellationToken.None), FreePort.Next());

    protected ClusterDeployment Track(ClusterDeployment deployment)
    {
        Track(deployment.Platform.Name, deployment.Name);
        return deployment;
    }

    /// <summary>A deployment made by other means (a real ./build.sh), purged after the test too, the settings its Deploy saved forgotten.</summary>
    protected void Track(string platform, string name) => _deployments.Add((platform, name));

    public async Task DisposeAsync()
    {
        foreach (var (platform, name) in _deployments)
        {
            await PlatformRollout.RemoveAsync(Cluster, platform, name, purge: true, CancellationToken.None);
            BuildProcess.ForgetSettings(name);
        }
        Cluster.Dispose();
    }

    protected Uri PublicUrl => new($"http://127.0.0.1:{Cluster.PublicPort}/");

    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    protected async Task<string> GetAsync(ClusterDeployment deployment, string path)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(PublicUrl, path));
    }

    protected async Task<IList<ContainerListResponse>> ContainersAsync(ClusterDeployment deployment) =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = LocalNames.Filter(deployment.Platform.Name, deployment.Name),
        });
}
