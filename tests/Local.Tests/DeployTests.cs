using Mooc.Tests.Shared;
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
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, StandIn.Platform(await StandIn.ImageAsync())));

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
    public async Task Scaling_down_removes_only_the_extra_replica()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, platform));
        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        var oneApp = platform with { Services = platform.Services.Select(s => s.Name == "app" ? s with { Replicas = 1 } : s).ToList() };
        var result = await PlatformRollout.DeployAsync(Cluster, deployment with { Platform = oneApp }, Deadline, CancellationToken.None);

        Assert.Equal([LocalNames.Container(deployment.Name, "app", 2)], result.Removed);
        Assert.Empty(result.Replaced);
        Assert.Equal(2, (await ContainersAsync(deployment)).Count);
    }

    [Fact]
    public async Task A_broken_service_is_diagnosed_with_its_exit_code_and_logs()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync(), appArgs: "echo cannot open the database: connection refused >&2; exit 3");
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, platform));

        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(() => PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None));

        output.WriteLine(failure.Message);
        // Each replica is caught either between runs or in a run: the exit code is the last run's either way.
        Assert.Equal([LocalNames.Container(deployment.Name, "app", 1), LocalNames.Container(deployment.Name, "app", 2)], failure.Diagnoses.Select(d => d.Instance).Order());
        Assert.All(failure.Diagnoses, d =>
        {
            Assert.Equal(3, d.ExitCode);
            Assert.Contains(d.LastLogLines, l => l.Contains("cannot open the database: connection refused"));
        });
        Assert.Contains("exit code 3", failure.Message);

        var later = await Cluster.DiagnoseAsync(deployment, "app", CancellationToken.None);
        Assert.Equal(2, later.Count);
        Assert.All(later, d => Assert.Contains(d.LastLogLines, l => l.Contains("connection refused")));
    }

    [Fact]
    public async Task An_unhealthy_service_shows_its_failing_health_check()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync(), appArgs: "echo serving the wrong port; exec perl /usr/local/bin/serve.pl 8001 /data");
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, platform));

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
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, StandIn.Platform(await StandIn.ImageAsync())));
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
            var busy = new LocalCluster(Docker, port);
            var deployment = Track(await StandIn.DeploymentAsync(busy, StandIn.Platform(await StandIn.ImageAsync())));

            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformRollout.DeployAsync(busy, deployment, Deadline, CancellationToken.None));

            Assert.Contains($"Public port {port} (127.0.0.1:{port}) is held by", failure.Message);
            Assert.Contains("--public-port", failure.Message);
            Assert.Empty(await Docker.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{LabelNames.Instance}={deployment.Name}"] = true } },
            }));
        }
        finally
        {
            listener.Stop();
        }
    }
}
