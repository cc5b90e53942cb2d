using Mooc.Tests.Shared;
using Mooc.Build;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;

namespace Local.Tests;

public sealed class MigrateTests : EngineTest
{
    [Fact]
    public async Task Migrate_runs_the_steps_once_and_skips_when_nothing_changed()
    {
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, StandIn.Platform(await StandIn.ImageAsync())));
        await Cluster.ApplyAsync(deployment, ["store"], Deadline, CancellationToken.None);

        Assert.True(await Migrations.RunAsync(Cluster, deployment, Deadline, force: false, CancellationToken.None));
        Assert.False(await Migrations.RunAsync(Cluster, deployment, Deadline, force: false, CancellationToken.None));
        Assert.True(await Migrations.RunAsync(Cluster, deployment, Deadline, force: true, CancellationToken.None));
        Assert.DoesNotContain(await ContainersAsync(deployment), c => c.Labels[LabelNames.Role] == LocalNames.StepRole);
    }

    [Fact]
    public async Task A_failing_step_fails_with_its_logs_and_is_not_recorded_as_done()
    {
        var image = await StandIn.ImageAsync();
        var platform = PlatformLoader.Parse($$"""
            name: standin
            services:
              - name: app
                image: {{image}}
            migrations:
              - name: migrate
                service: app
                command: [bash, -c, "echo applying 0042_add_grades; echo 'django.db.utils.OperationalError: no such table' >&2; exit 1"]
            """, "failing/platform.yaml");
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, platform));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Migrations.RunAsync(Cluster, deployment, Deadline, force: false, CancellationToken.None));

        Assert.Contains("Step 'migrate' failed with exit code 1", failure.Message);
        Assert.Contains("OperationalError: no such table", failure.Message);
        Assert.Null(await Cluster.ReadMarkerAsync(deployment, Migrations.MarkerKey, CancellationToken.None));
        Assert.Empty(await ContainersAsync(deployment));
    }

    [Fact]
    public async Task A_step_sees_the_service_secrets_and_reaches_services_by_name()
    {
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, StandIn.Platform(await StandIn.ImageAsync())));
        await Cluster.ApplyAsync(deployment, ["store"], Deadline, CancellationToken.None);
        await Cluster.WaitReadyAsync(deployment, ["store"], Deadline, CancellationToken.None);
        var step = new Mooc.Platform.Model.MigrationStep("probe", "store", ["bash", "-c", "test \"$STORE_PASSWORD\" && exec 3<>/dev/tcp/store/7000 && echo reached"], new Dictionary<string, string>());

        var outcome = await Cluster.RunStepAsync(deployment, step, Deadline, CancellationToken.None);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Logs));
        Assert.Contains("reached", outcome.Logs);
    }

    [Fact]
    public async Task A_stop_asked_during_a_step_lets_it_finish_and_starts_no_other()
    {
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, TwoSteps(await StandIn.ImageAsync(), "sleep 3; echo first >> /data/steps")));
        using var stop = new CancellationTokenSource();
        var running = RunningStepAsync(deployment, "first").ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Migrations.RunAsync(Cluster, deployment, Deadline, force: false, stop.Token));
        await running;

        Assert.Equal("first", await ReadStepsAsync(deployment));
        Assert.Null(await Cluster.ReadMarkerAsync(deployment, Migrations.MarkerKey, CancellationToken.None));
    }

    [Fact]
    public async Task A_step_container_a_killed_run_left_running_is_waited_for_not_cut_off_nor_run_beside()
    {
        var image = await StandIn.ImageAsync();
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, TwoSteps(image, "echo first >> /data/steps")));
        // The killed run's container: the same step, still at work, as a SIGKILLed build leaves it.
        var leftover = ContainerSpec.ForStep(deployment, deployment.Steps[0] with { Command = ["bash", "-c", "sleep 3; echo earlier >> /data/steps"] });
        await LocalStorage.EnsureNetworkAsync(Docker, deployment, CancellationToken.None);
        await LocalStorage.EnsureVolumesAsync(Docker, deployment, CancellationToken.None);
        await Docker.Containers.StartContainerAsync((await Docker.Containers.CreateContainerAsync(leftover)).ID, new());

        Assert.True(await Migrations.RunAsync(Cluster, deployment, Deadline, force: false, CancellationToken.None));

        Assert.Equal("earlier\nfirst\nsecond", await ReadStepsAsync(deployment));
        Assert.DoesNotContain(await ContainersAsync(deployment), c => c.Labels[LabelNames.Role] == LocalNames.StepRole);
    }

    /// <summary>Two steps that note, in order, that they ran in a file on the app's volume.</summary>
    static Mooc.Platform.Model.PlatformDefinition TwoSteps(string image, string first) => PlatformLoader.Parse($$"""
        name: standin
        services:
          - name: app
            image: {{image}}
            volumes: [{name: app-data, mountPath: /data, size: 1Gi}]
        migrations:
          - name: first
            service: app
            command: [bash, -c, "{{first}}"]
          - name: second
            service: app
            command: [bash, -c, "echo second >> /data/steps"]
        """, "two-steps/platform.yaml");

    async Task RunningStepAsync(ClusterDeployment deployment, string step)
    {
        var name = LocalNames.Step(deployment.Name, step);
        var running = new Wait($"step {step}'s container {name} to run", Deadline) { Interval = TimeSpan.FromMilliseconds(100) };
        await running.UntilAsync<bool>(async _ =>
            (await ContainersAsync(deployment)).Any(c => c.Names.Contains("/" + name) && c.State == "running") ? Seen.Done(true) : Seen.NotYet("not running"), CancellationToken.None);
    }

    async Task<string> ReadStepsAsync(ClusterDeployment deployment)
    {
        var step = new Mooc.Platform.Model.MigrationStep("read", "app", ["cat", "/data/steps"], new Dictionary<string, string>());
        var outcome = await Cluster.RunStepAsync(deployment, step, Deadline, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Logs));
        return string.Join("\n", outcome.Logs).Trim();
    }
}
