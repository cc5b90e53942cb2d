using Mooc.Platform.Cluster;
using Mooc.Platform.Cluster.Status;

namespace Mooc.Tests.Shared;

/// <summary>
/// What every engine promises the runbook, run against each of them (the local Docker engine in
/// Local.Tests, the test cluster in Cluster.Tests) with the same stand-in platform: deploy and
/// migrate (the image's entrypoint kept unless the service replaces it), a second deploy that changes nothing, a change that touches one service only, data and
/// secrets that outlive a Down but not a purge, a failing step's exit code and output, a broken
/// service's diagnosis, a command run in a replica, and the deployment lock.
/// </summary>
public abstract class EngineContract : IAsyncLifetime
{
    readonly List<ClusterDeployment> _deployments = [];

    protected IClusterEngine Engine { get; private set; } = null!;

    protected virtual TimeSpan Deadline => TimeSpan.FromSeconds(90);

    protected abstract Task<IClusterEngine> ConnectAsync();

    /// <summary>Whether an entry of an <see cref="ApplyResult"/> (a container, an object) belongs to <paramref name="service"/>.</summary>
    protected abstract bool BelongsTo(string applied, string service);

    public async Task InitializeAsync() => Engine = await ConnectAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var deployment in _deployments)
            await PlatformRollout.RemoveAsync(Engine, deployment.Platform.Name, deployment.Name, purge: true, CancellationToken.None);
        (Engine as IDisposable)?.Dispose();
    }

    protected async Task<ClusterDeployment> NewDeploymentAsync(string? appArgs = null, string? migrate = null, bool appReplacesEntrypoint = false)
    {
        var image = await StandIn.ImageAsync();
        var platform = appArgs is null && migrate is null ? StandIn.Platform(image, appReplacesEntrypoint: appReplacesEntrypoint)
            : migrate is null ? StandIn.Platform(image, appArgs: appArgs!)
            : StandIn.Platform(image, migrate: migrate);
        var deployment = await StandIn.DeploymentAsync(Engine, platform);
        _deployments.Add(deployment);
        return deployment;
    }

    protected async Task<string> GetAsync(ClusterDeployment deployment, string path)
    {
        await using var entry = await Engine.OpenEntryPointAsync(deployment, CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(new Uri(entry.Url, path));
    }

    Task<ClusterDeployment> ReloadAsync(ClusterDeployment deployment) =>
        ClusterDeployment.PrepareAsync(Engine, deployment.Name, deployment.Platform, deployment.Images, CancellationToken.None);

    [Fact]
    public async Task A_deploy_migrates_then_serves_the_public_service()
    {
        var deployment = await NewDeploymentAsync();

        var result = await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);

        Assert.Contains(result.Created, c => BelongsTo(c, "app"));
        Assert.Contains(result.Created, c => BelongsTo(c, "store"));
        Assert.Equal("v1\n", await GetAsync(deployment, "/migrated"));
        // The app gives arguments only: the image's entrypoint ran first.
        Assert.Equal("entrypoint ran\n", await GetAsync(deployment, "/entrypoint-ran"));
    }

    [Fact]
    public async Task A_service_that_replaces_the_entrypoint_runs_its_command_without_the_images_one()
    {
        var deployment = await NewDeploymentAsync(appReplacesEntrypoint: true);

        await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);

        Assert.Equal("v1\n", await GetAsync(deployment, "/migrated"));
        await using var entry = await Engine.OpenEntryPointAsync(deployment, CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(entry.Url, "/entrypoint-ran"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Status_shows_every_service_ready_on_its_image_then_why_a_broken_one_is_not()
    {
        var deployment = await NewDeploymentAsync();
        await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);

        var ready = await StatusOnceAsync(deployment, status => status.AllReady);
        var broken = deployment with { Platform = StandIn.Platform(await StandIn.ImageAsync(), storeArgs: "echo the store breaks; exit 3") };
        await Engine.ApplyAsync(broken, ["store"], Deadline, CancellationToken.None);
        var store = (await StatusOnceAsync(broken, status => status.Services.Single(s => s.Service == "store") is { Ready: 0, Note: not null })).Services.Single(s => s.Service == "store");

        Assert.Equal([("store", 1, 1, null), ("app", 2, 2, null)], ready.Services.Select(s => (s.Service, s.Desired, s.Ready, s.Note)));
        Assert.True(ready.AllReady);
        var tag = ServiceState.TagOf(await StandIn.ImageAsync());
        Assert.All(ready.Services, s => Assert.Equal(tag, s.Image));
        Assert.NotEmpty(ready.Urls);
        Assert.Equal(0, store.Ready);
        Assert.NotNull(store.Note);
    }

    /// <summary>The deployment's status once <paramref name="seen"/> holds (a replica's health flaps on a busy machine); the last one read at the deadline.</summary>
    async Task<DeploymentStatus> StatusOnceAsync(ClusterDeployment deployment, Func<DeploymentStatus, bool> seen)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var status = await Engine.StatusAsync(deployment.Platform, deployment.Name, CancellationToken.None);
            if (seen(status) || DateTime.UtcNow > until) return status;
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task A_second_deploy_changes_nothing_and_skips_the_migrations()
    {
        var deployment = await NewDeploymentAsync();
        await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);

        var data = await PlatformRollout.StartDataServicesAsync(Engine, deployment, Deadline, CancellationToken.None);
        var migrated = await Migrations.RunAsync(Engine, deployment, Deadline, force: false, CancellationToken.None);
        var application = await PlatformRollout.StartApplicationAsync(Engine, deployment, Deadline, CancellationToken.None);

        Assert.True(data.ChangedNothing && application.ChangedNothing, $"data: {Describe(data)}; application: {Describe(application)}");
        Assert.False(migrated);
    }

    [Fact]
    public async Task A_changed_service_is_the_only_one_replaced()
    {
        var deployment = await NewDeploymentAsync();
        await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);

        var changed = deployment with { Platform = StandIn.Platform(await StandIn.ImageAsync(), storeArgs: "exec perl /usr/local/bin/serve.pl 7000 /data") };
        var result = await PlatformRollout.DeployAsync(Engine, changed, Deadline, CancellationToken.None);

        Assert.NotEmpty(result.Replaced);
        Assert.All(result.Replaced, r => Assert.True(BelongsTo(r, "store"), $"{r} was replaced, but only the store changed"));
        Assert.Empty(result.Created);
        Assert.Equal("v1\n", await GetAsync(deployment, "/migrated"));
    }

    [Fact]
    public async Task Data_and_secrets_outlive_a_down_but_not_a_purge()
    {
        var deployment = await NewDeploymentAsync();
        await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);
        var password = deployment.Secrets["store-password"];

        await PlatformRollout.RemoveAsync(Engine, "standin", deployment.Name, purge: false, CancellationToken.None);
        var kept = await ReloadAsync(deployment);
        Assert.Equal(password, kept.Secrets["store-password"]);
        await PlatformRollout.StartDataServicesAsync(Engine, kept, Deadline, CancellationToken.None);
        Assert.False(await Migrations.RunAsync(Engine, kept, Deadline, force: false, CancellationToken.None));
        await PlatformRollout.StartApplicationAsync(Engine, kept, Deadline, CancellationToken.None);
        Assert.Equal("v1\n", await GetAsync(kept, "/migrated"));

        await PlatformRollout.RemoveAsync(Engine, "standin", deployment.Name, purge: true, CancellationToken.None);
        var fresh = await ReloadAsync(deployment);
        Assert.NotEqual(password, fresh.Secrets["store-password"]);
        await PlatformRollout.StartDataServicesAsync(Engine, fresh, Deadline, CancellationToken.None);
        Assert.True(await Migrations.RunAsync(Engine, fresh, Deadline, force: false, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_step_reports_its_exit_code_and_output()
    {
        var deployment = await NewDeploymentAsync(migrate: "echo the schema is locked >&2; exit 3");
        await PlatformRollout.StartDataServicesAsync(Engine, deployment, Deadline, CancellationToken.None);

        var outcome = await Engine.RunStepAsync(deployment, deployment.Steps[0], Deadline, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains(outcome.Logs, l => l.Contains("the schema is locked"));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrations.RunAsync(Engine, deployment, Deadline, force: false, CancellationToken.None));
        Assert.Contains("the schema is locked", failure.Message);
    }

    [Fact]
    public async Task A_service_that_exits_is_diagnosed_with_its_exit_code_and_output()
    {
        var deployment = await NewDeploymentAsync(appArgs: "echo cannot open the database: connection refused >&2; exit 3");

        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(
            () => PlatformRollout.DeployAsync(Engine, deployment, TimeSpan.FromSeconds(25), CancellationToken.None));

        Assert.Contains(failure.Diagnoses, d => d.ExitCode == 3 && d.LastLogLines.Any(l => l.Contains("connection refused")));
        Assert.Contains("exit code 3", failure.Message);
    }

    [Fact]
    public async Task A_command_runs_in_the_chosen_replica_with_its_input_output_and_exit_code()
    {
        var deployment = await NewDeploymentAsync();
        await PlatformRollout.DeployAsync(Engine, deployment, Deadline, CancellationToken.None);
        var dump = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("INSERT INTO t VALUES (1);\n", 5000))));
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var exit = await Engine.ExecAsync(deployment, new ServiceExec("store", ["bash", "-c", "wc -l; echo restored >&2; exit 4"]) { Stdin = dump, Stdout = stdout, Stderr = stderr }, CancellationToken.None);

        Assert.Equal(4, exit);
        Assert.Equal("5000", System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Trim());
        Assert.Equal("restored", System.Text.Encoding.UTF8.GetString(stderr.ToArray()).Trim());
        var first = await Engine.ExecTextAsync(deployment, "app", ["hostname"], CancellationToken.None);
        var second = await Engine.ExecAsync(deployment, new ServiceExec("app", ["hostname"]) { Replica = 2, Stdout = stdout }, CancellationToken.None);
        Assert.Equal((0, 0), (first.ExitCode, second));
        Assert.DoesNotContain(first.Stdout.Trim(), System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        var missing = await Assert.ThrowsAsync<ReplicaNotRunningException>(
            () => Engine.ExecAsync(deployment, new ServiceExec("app", ["true"]) { Replica = 3 }, CancellationToken.None));
        Assert.Contains("app", missing.Message);
    }

    [Fact]
    public async Task A_second_run_waits_for_the_lock_and_names_its_holder()
    {
        var name = StandIn.NewName();
        var held = await Engine.LockAsync("standin", name, "Deploy", TimeSpan.Zero, CancellationToken.None);
        try
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => Engine.LockAsync("standin", name, "Down", TimeSpan.FromSeconds(2), CancellationToken.None));
            Assert.Contains("Deploy", refused.Message);
        }
        finally
        {
            await held.DisposeAsync();
        }
        await (await Engine.LockAsync("standin", name, "Down", TimeSpan.FromSeconds(10), CancellationToken.None)).DisposeAsync();
    }

    static string Describe(ApplyResult r) =>
        $"created [{string.Join(", ", r.Created)}], replaced [{string.Join(", ", r.Replaced)}], started [{string.Join(", ", r.Started)}], removed [{string.Join(", ", r.Removed)}]";
}
