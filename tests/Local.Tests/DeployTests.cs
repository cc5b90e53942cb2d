using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Xunit.Abstractions;

namespace Local.Tests;

public sealed class DeployTests(ITestOutputHelper output) : EngineTest
{
    [Fact]
    public async Task Deploy_serves_the_public_port_and_replicas_share_the_service_name()
    {
        var deployment = Track(StandIn.Deployment(StandIn.Platform(await StandIn.ImageAsync())));

        var result = await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        Assert.Equal(["mooc-" + deployment.Name + "-app-1", "mooc-" + deployment.Name + "-app-2", "mooc-" + deployment.Name + "-store-1"], result.Created.Order());
        Assert.Equal("v1\n", await GetAsync(deployment, "/migrated"));
        var (_, hosts) = await StandIn.ExecAsync(Docker, LocalNames.Container(deployment.Name, "store", 1), "getent ahostsv4 app | awk '{print $1}' | sort -u");
        Assert.Equal(2, hosts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var (reached, _) = await StandIn.ExecAsync(Docker, LocalNames.Container(deployment.Name, "app", 2), "exec 3<>/dev/tcp/store/7000");
        Assert.Equal(0, reached);

        var store = await Docker.Containers.InspectContainerAsync(LocalNames.Container(deployment.Name, "store", 1));
        Assert.Equal(64L << 20, store.HostConfig.Memory);
        Assert.Equal(RestartPolicyKind.UnlessStopped, store.HostConfig.RestartPolicy.Name);
        Assert.Equal("standin", store.Config.Labels[LabelNames.PartOf]);
        Assert.Equal(deployment.Name, store.Config.Labels[LabelNames.Instance]);
        Assert.Contains(store.Config.Env, e => e == $"STORE_PASSWORD={deployment.Secrets["store-password"]}");
    }

    [Fact]
    public async Task A_second_deploy_replaces_nothing_and_is_fast()
    {
        var deployment = Track(StandIn.Deployment(StandIn.Platform(await StandIn.ImageAsync())));
        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);
        var before = (await ContainersAsync(deployment)).Select(c => c.ID).Order().ToList();

        var clock = Stopwatch.StartNew();
        var again = await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);
        output.WriteLine($"no-op deploy of 3 containers: {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.True(again.ChangedNothing, $"created {string.Join(",", again.Created)}; replaced {string.Join(",", again.Replaced)}; started {string.Join(",", again.Started)}");
        Assert.Equal(before, (await ContainersAsync(deployment)).Select(c => c.ID).Order().ToList());
    }

    [Fact]
    public async Task A_changed_service_is_the_only_one_replaced()
    {
        var image = await StandIn.ImageAsync();
        var deployment = Track(StandIn.Deployment(StandIn.Platform(image)));
        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        var changed = deployment with { Platform = StandIn.Platform(image, storeArgs: "exec perl /usr/local/bin/serve.pl 7000 /data") };
        var result = await PlatformRollout.DeployAsync(Cluster, changed, Deadline, CancellationToken.None);

        Assert.Equal([LocalNames.Container(deployment.Name, "store", 1)], result.Replaced);
        Assert.Empty(result.Created);
    }

    [Fact]
    public async Task Scaling_down_removes_only_the_extra_replica()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var deployment = Track(StandIn.Deployment(platform));
        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        var oneApp = platform with { Services = platform.Services.Select(s => s.Name == "app" ? s with { Replicas = 1 } : s).ToList() };
        var result = await PlatformRollout.DeployAsync(Cluster, deployment with { Platform = oneApp }, Deadline, CancellationToken.None);

        Assert.Equal([LocalNames.Container(deployment.Name, "app", 2)], result.Removed);
        Assert.Empty(result.Replaced);
        Assert.Equal(2, (await ContainersAsync(deployment)).Count);
    }

    [Fact]
    public async Task Data_survives_a_redeploy_and_a_down_without_purge_but_not_a_purge()
    {
        var image = await StandIn.ImageAsync();
        var deployment = Track(StandIn.Deployment(StandIn.Platform(image)));
        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);
        var store = LocalNames.Container(deployment.Name, "store", 1);
        await StandIn.ExecAsync(Docker, store, "echo kept > /data/note");

        var changed = deployment with { Platform = StandIn.Platform(image, storeArgs: "exec perl /usr/local/bin/serve.pl 7000 /data") };
        await PlatformRollout.DeployAsync(Cluster, changed, Deadline, CancellationToken.None);
        Assert.Equal((0, "kept\n"), await StandIn.ExecAsync(Docker, store, "cat /data/note"));

        await Cluster.RemoveAsync("standin", deployment.Name, purge: false, CancellationToken.None);
        Assert.Empty(await ContainersAsync(deployment));
        Assert.True(File.Exists(DeploymentSecrets.PathFor(deployment.Name)));

        var secrets = DeploymentSecrets.LoadOrCreate(deployment.Name, changed.Platform.Secrets);
        var redeployed = await PlatformRollout.DeployAsync(Cluster, changed with { Secrets = secrets }, Deadline, CancellationToken.None);
        Assert.Equal(3, redeployed.Created.Count);
        Assert.Equal((0, "kept\n"), await StandIn.ExecAsync(Docker, store, "cat /data/note"));
        Assert.False(await Migrations.RunAsync(Cluster, changed with { Secrets = secrets }, Deadline, force: false, CancellationToken.None));

        await Cluster.RemoveAsync("standin", deployment.Name, purge: true, CancellationToken.None);
        Assert.Empty(await LocalStorage.ListVolumesAsync(Docker, "standin", deployment.Name, CancellationToken.None));
        Assert.False(File.Exists(DeploymentSecrets.PathFor(deployment.Name)));
    }

    [Fact]
    public async Task A_broken_service_is_diagnosed_with_its_exit_code_and_logs()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync(), appArgs: "echo cannot open the database: connection refused >&2; exit 3");
        var deployment = Track(StandIn.Deployment(platform));

        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(() => PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None));

        output.WriteLine(failure.Message);
        var diagnosis = Assert.Single(failure.Diagnoses, d => d.Instance == LocalNames.Container(deployment.Name, "app", 1));
        Assert.Equal(3, diagnosis.ExitCode);
        Assert.Contains(diagnosis.LastLogLines, l => l.Contains("cannot open the database: connection refused"));
        Assert.Contains("exit code 3", failure.Message);

        var later = await Cluster.DiagnoseAsync(deployment, "app", CancellationToken.None);
        Assert.Equal(2, later.Count);
        Assert.All(later, d => Assert.Contains(d.LastLogLines, l => l.Contains("connection refused")));
    }

    [Fact]
    public async Task An_unhealthy_service_shows_its_failing_health_check()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync(), appArgs: "echo serving the wrong port; exec perl /usr/local/bin/serve.pl 8001 /data");
        var deployment = Track(StandIn.Deployment(platform));

        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(
            () => PlatformRollout.DeployAsync(Cluster, deployment, TimeSpan.FromSeconds(12), CancellationToken.None));

        output.WriteLine(failure.Message);
        var diagnosis = failure.Diagnoses.First(d => d.Instance.Contains("-app-"));
        Assert.Contains("running", diagnosis.State);
        Assert.NotEmpty(diagnosis.FailingProbeOutput);
        Assert.Contains(diagnosis.LastLogLines, l => l.Contains("serving the wrong port"));
    }

    [Fact]
    public async Task An_interrupted_deploy_converges_on_the_next_run()
    {
        var deployment = Track(StandIn.Deployment(StandIn.Platform(await StandIn.ImageAsync())));
        using (var interrupt = new CancellationTokenSource(TimeSpan.FromSeconds(1.5)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PlatformRollout.DeployAsync(Cluster, deployment, Deadline, interrupt.Token));

        // A replica created by hand without a spec hash stands for one left half-made.
        var halfMade = LocalNames.Container(deployment.Name, "app", 2);
        try { await Docker.Containers.RemoveContainerAsync(halfMade, new() { Force = true }); } catch (DockerContainerNotFoundException) { }
        var labels = LocalNames.Labels("standin", deployment.Name);
        labels[LabelNames.Name] = "app";
        labels[LabelNames.Role] = LocalNames.ServiceRole;
        labels[LabelNames.Replica] = "2";
        await Docker.Containers.CreateContainerAsync(new() { Name = halfMade, Image = await StandIn.ImageAsync(), Labels = labels });

        var converged = await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);
        Assert.Contains(halfMade, converged.Replaced);
        Assert.Equal("v1\n", await GetAsync(deployment, "/migrated"));
        Assert.True((await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None)).ChangedNothing);
    }

    [Fact]
    public async Task A_busy_public_port_fails_naming_the_port_parameter()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var deployment = Track(StandIn.Deployment(StandIn.Platform(await StandIn.ImageAsync())) with { PublicPort = port });

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None));

            Assert.Contains(LocalNames.Container(deployment.Name, "app", 1), failure.Message);
            Assert.Contains("--public-port", failure.Message);
        }
        finally
        {
            listener.Stop();
        }
    }
}
