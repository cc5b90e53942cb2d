using Mooc.Build;

namespace Engine.Tests;

public class PlannerTests
{
    static IReadOnlyList<ExecutableTarget> Targets => TargetDiscovery.Discover(new PipelineLikeBuild());

    static string[] Order(string[] requested, IReadOnlyList<string>? skip = null) =>
        ExecutionPlanner.Plan(Targets, requested, skip).Where(p => p.SkipReason is null).Select(p => p.Target.Name).ToArray();

    [Fact]
    public void Dependencies_run_first_and_triggered_targets_after_in_their_After_order()
    {
        Assert.Equal(["Images", "Manifests", "Deploy", "Migrate", "SmokeTest"], Order(["Deploy"]));
    }

    [Fact]
    public void Two_requested_targets_share_their_dependencies_and_each_runs_once()
    {
        var order = Order(["LoadTest", "Deploy"]);
        Assert.Equal(["Images", "Manifests", "Deploy", "Migrate", "SmokeTest", "LoadTest"], order);
        Assert.Equal(order.Length, order.Distinct().Count());
    }

    [Fact]
    public void After_and_Before_order_targets_without_pulling_them_in()
    {
        Assert.Equal(["Migrate"], Order(["Migrate"]));
        Assert.Equal(["Down", "Images"], Order(["Images", "Down"]));
    }

    [Fact]
    public void Target_names_are_matched_case_insensitively()
    {
        Assert.Equal(["Images"], Order(["images"]));
    }

    [Fact]
    public void An_unknown_target_is_an_error_that_suggests_the_closest_name()
    {
        var error = Assert.Throws<BuildException>(() => Order(["Deploi"]));
        Assert.Contains("Target 'Deploi' does not exist. Did you mean 'Deploy'?", error.Message);
        Assert.Contains("Available: Images, Manifests, Deploy", error.Message);
    }

    [Fact]
    public void A_cycle_is_an_error_naming_every_target_in_it()
    {
        var error = Assert.Throws<BuildException>(() => ExecutionPlanner.Plan(TargetDiscovery.Discover(new CyclicBuild()), ["A"], null));
        Assert.Matches(@"Circular dependency: (A -> B -> C -> A|B -> C -> A -> B|C -> A -> B -> C)", error.Message);
    }

    [Fact]
    public void Skip_with_names_skips_those_and_keeps_the_rest()
    {
        var plan = ExecutionPlanner.Plan(Targets, ["Deploy"], ["Images", "SmokeTest"]);
        Assert.Equal(["Images", "SmokeTest"], plan.Where(p => p.SkipReason is not null).Select(p => p.Target.Name));
        Assert.Equal(["Manifests", "Deploy", "Migrate"], plan.Where(p => p.SkipReason is null).Select(p => p.Target.Name));
    }

    [Fact]
    public void A_bare_skip_runs_only_the_named_targets()
    {
        Assert.Equal(["Deploy"], Order(["Deploy"], []));
    }

    [Fact]
    public void Skipping_an_unknown_target_is_an_error()
    {
        var error = Assert.Throws<BuildException>(() => Order(["Deploy"], ["Imagez"]));
        Assert.Contains("Did you mean 'Images'?", error.Message);
    }

    static string[] PipelineOrder(params string[] requested) =>
        ExecutionPlanner.Plan(TargetDiscovery.Discover(new Build()), requested, null).Select(p => p.Target.Name).ToArray();

    [Fact]
    public void The_pipeline_deploys_in_its_phases_each_once_data_services_then_migrations_then_the_application()
    {
        Assert.Equal(["Images", "Manifests", "Preflight", "DataServices", "Migrate", "Deploy", "SmokeTest"], PipelineOrder("Deploy"));
        Assert.Equal(["Images", "Manifests", "Preflight", "DataServices", "Migrate", "Deploy", "SmokeTest", "LoadTest"], PipelineOrder("LoadTest"));
    }

    [Fact]
    public void Skip_Preflight_deploys_without_the_checks()
    {
        var plan = ExecutionPlanner.Plan(TargetDiscovery.Discover(new Build()), ["Deploy"], ["Preflight"]);

        Assert.NotNull(Assert.Single(plan, p => p.Target.Name == "Preflight").SkipReason);
        Assert.Null(Assert.Single(plan, p => p.Target.Name == "DataServices").SkipReason);
    }

    [Fact]
    public void Migrate_named_with_Deploy_runs_once_in_Deploys_migration_phase()
    {
        Assert.Equal(PipelineOrder("Deploy"), PipelineOrder("Deploy", "Migrate"));
        Assert.Equal(PipelineOrder("Deploy"), PipelineOrder("Migrate", "Deploy"));
    }

    [Fact]
    public void Migrate_alone_runs_only_the_migration_steps()
    {
        Assert.Equal(["Migrate"], PipelineOrder("Migrate"));
        Assert.Equal(["DataServices", "Migrate"], ExecutionPlanner.Plan(TargetDiscovery.Discover(new Build()), ["Migrate", "DataServices"], []).Where(p => p.SkipReason is null).Select(p => p.Target.Name));
    }
}
