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
        var deployment = Track(StandIn.Deployment(StandIn.Platform(await StandIn.ImageAsync())));
        await Cluster.ApplyAsync(deployment, ["store"], Deadline, CancellationToken.None);

        Assert.True(await Migrations.RunAsync(Cluster, deployment, Deadline, force: false, CancellationToken.None));
        Assert.False(await Migrations.RunAsync(Cluster, deployment, Deadline, force: false, CancellationToken.None));
        Assert.True(await Migrations.RunAsync(Cluster, deployment, Deadline, force: true, CancellationToken.None));
        Assert.Empty((await ContainersAsync(deployment)).Where(c => c.Labels[LabelNames.Role] == LocalNames.StepRole));
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
        var deployment = Track(StandIn.Deployment(platform));

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
        var deployment = Track(StandIn.Deployment(StandIn.Platform(await StandIn.ImageAsync())));
        await Cluster.ApplyAsync(deployment, ["store"], Deadline, CancellationToken.None);
        await Cluster.WaitReadyAsync(deployment, ["store"], Deadline, CancellationToken.None);
        var step = new Mooc.Platform.Model.MigrationStep("probe", "store", ["bash", "-c", "test \"$STORE_PASSWORD\" && exec 3<>/dev/tcp/store/7000 && echo reached"], new Dictionary<string, string>());

        var outcome = await Cluster.RunStepAsync(deployment, step, Deadline, CancellationToken.None);

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Logs));
        Assert.Contains("reached", outcome.Logs);
    }
}
