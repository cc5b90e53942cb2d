using System.Net;
using System.Net.Sockets;
using Mooc.Docker;
using Mooc.Local.Preflight;
using Mooc.Platform.Cluster;
using Mooc.Platform.Cluster.Preflight;
using Mooc.Tests.Shared;

namespace Local.Tests;

/// <summary>Preflight on the local engine: the engine answers, disk space, and the public port free, taken by another program, or this deployment's own.</summary>
public sealed class LocalPreflightTests : EngineTest
{
    async Task<PreflightRequest> RequestAsync(string deployment = "standin") =>
        new(deployment, StandIn.Platform(await StandIn.ImageAsync()), new Dictionary<string, string>());

    static PreflightCheck Named(IReadOnlyList<PreflightCheck> checks, string name) => Assert.Single(checks, c => c.Name.StartsWith(name));

    [Fact]
    public async Task Every_check_passes_on_a_free_port()
    {
        var checks = await new LocalPreflight(DockerEngine.Endpoint, FreePort.Next()).CheckAsync(await RequestAsync(), CancellationToken.None);

        Assert.Equal(3, checks.Count);
        Assert.All(checks, c => Assert.Equal(CheckResult.Passed, c.Result));
    }

    [Fact]
    public async Task A_port_another_program_holds_fails_naming_the_program_and_the_way_out()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var checks = await new LocalPreflight(DockerEngine.Endpoint, port).CheckAsync(await RequestAsync(), CancellationToken.None);

        var check = Named(checks, "public port");
        Assert.Equal(CheckResult.Failed, check.Result);
        Assert.Contains($"held by process {Environment.ProcessId} (", check.Detail);
        Assert.Contains("--public-port", check.Fix);
    }

    [Fact]
    public async Task The_port_this_deployment_already_publishes_passes()
    {
        var request = await RequestAsync(StandIn.NewName());
        var deployment = Track(await ClusterDeployment.PrepareAsync(Cluster, request.Deployment, request.Platform, request.Images, CancellationToken.None));
        await PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        var checks = await new LocalPreflight(DockerEngine.Endpoint, Cluster.PublicPort).CheckAsync(request, CancellationToken.None);

        var check = Named(checks, "public port");
        Assert.Equal(CheckResult.Passed, check.Result);
        Assert.Contains($"this deployment's mooc-{request.Deployment}-app", check.Detail);
    }

    [Fact]
    public async Task Images_not_built_yet_leave_the_disk_check_standing()
    {
        var request = new PreflightRequest("pf-unbuilt", Mooc.Platform.Loading.PlatformLoader.LoadByName("reference"), new Dictionary<string, string>());

        var checks = await new LocalPreflight(DockerEngine.Endpoint, FreePort.Next()).CheckAsync(request, CancellationToken.None);

        Assert.Equal(CheckResult.Passed, Named(checks, "disk space").Result);
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_is_the_only_check()
    {
        var socket = new Uri($"unix://{Path.Combine(Path.GetTempPath(), "pf-no-docker-" + StandIn.NewName() + ".sock")}");

        var checks = await new LocalPreflight(socket, FreePort.Next()).CheckAsync(await RequestAsync(), CancellationToken.None);

        var check = Assert.Single(checks);
        Assert.Equal(("Docker engine answers", CheckResult.Failed), (check.Name, check.Result));
        Assert.Contains("DOCKER_HOST", check.Fix);
    }

    [Fact]
    public async Task Less_free_space_than_the_containers_need_fails()
    {
        var checks = await new LocalPreflight(DockerEngine.Endpoint, FreePort.Next(), headroom: long.MaxValue / 2).CheckAsync(await RequestAsync(), CancellationToken.None);

        var check = Named(checks, "disk space");
        Assert.Equal(CheckResult.Failed, check.Result);
        Assert.Contains("docker image prune", check.Fix);
    }
}
