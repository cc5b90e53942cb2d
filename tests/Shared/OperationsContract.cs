using Mooc.Platform.Cluster;
using Mooc.Platform.Operations;

namespace Mooc.Tests.Shared;

/// <summary>
/// The operations after a deploy, on each engine (the local Docker engine in Local.Tests, the test
/// cluster in Cluster.Tests), on one deployment of the stand-in platform: Stop keeps the data and
/// the objects and Start serves again without migrating; Logs shows every replica, by name.
/// </summary>
public abstract class OperationsContract : IAsyncLifetime
{
    ClusterDeployment? _deployment;

    protected IClusterEngine Engine { get; private set; } = null!;

    protected virtual TimeSpan Deadline => TimeSpan.FromSeconds(90);

    protected abstract Task<IClusterEngine> ConnectAsync();

    public async Task InitializeAsync() => Engine = await ConnectAsync();

    public virtual async Task DisposeAsync()
    {
        if (_deployment is not null)
            await PlatformRollout.RemoveAsync(Engine, _deployment.Platform.Name, _deployment.Name, purge: true, CancellationToken.None);
        (Engine as IDisposable)?.Dispose();
    }

    async Task<ClusterDeployment> DeployedAsync()
    {
        _deployment = await StandIn.DeploymentAsync(Engine, StandIn.Platform(await StandIn.ImageAsync()));
        await PlatformRollout.DeployAsync(Engine, _deployment, Deadline, CancellationToken.None);
        return _deployment;
    }

    async Task<string> GetAsync(ClusterDeployment deployment, string path)
    {
        await using var entry = await Engine.OpenEntryPointAsync(deployment, CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(new Uri(entry.Url, path));
    }

    [Fact]
    public async Task Stop_keeps_the_data_and_Start_serves_it_again_without_migrating()
    {
        var deployment = await DeployedAsync();

        await StopStart.StopAsync(Engine, deployment, null, CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => GetAsync(deployment, "/migrated"));

        await StopStart.StartAsync(Engine, deployment, null, Deadline, CancellationToken.None);
        Assert.Equal("v1\n", await GetAsync(deployment, "/migrated"));
        Assert.False(await Migrations.RunAsync(Engine, deployment, Deadline, force: false, CancellationToken.None));
    }

    [Fact]
    public async Task Logs_show_every_replica_by_name_and_Since_leaves_out_older_lines()
    {
        var deployment = await DeployedAsync();
        var lines = new List<string>();

        await ServiceLogs.PrintAsync(Engine, deployment, ["app"], new LogOptions(), lines.Add, CancellationToken.None);

        var serving = lines.Where(l => l.EndsWith("| serving /data on 8000")).ToList();
        Assert.Equal(2, serving.Count);
        Assert.Equal(2, serving.Select(l => l.Split(' ')[0]).Distinct().Count());
        Assert.DoesNotContain(lines, l => l.Contains("serving /data on 7000"));

        var none = new List<string>();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await ServiceLogs.PrintAsync(Engine, deployment, ["app"], new LogOptions(Since: DateTimeOffset.UtcNow.AddSeconds(-1)), none.Add, CancellationToken.None);
        Assert.Empty(none);
    }
}
