using Mooc.Build;

namespace Engine.Tests;

/// <summary>Validates: input checks of the planned targets run once, before the first target, and a failed one is exit 2 with nothing run.</summary>
[Collection("console")]
public class ValidatesTests
{
    [Fact]
    public async Task A_check_declared_by_two_planned_targets_runs_once_before_them()
    {
        var build = new CheckedBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Deploy");
        Assert.True(exitCode == 0, output);
        Assert.Equal(1, build.InputChecks);
        Assert.Equal(["Images", "Deploy"], build.Ran);
    }

    [Fact]
    public async Task A_failed_check_stops_the_build_with_exit_2_before_any_target()
    {
        var build = new CheckedBuild { InputProblem = "platform.yaml:3:7: services[0].recipe: recipe 'lmx' does not exist" };
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Deploy");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains("platform.yaml:3:7: services[0].recipe: recipe 'lmx' does not exist", output);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public async Task Targets_outside_the_plan_or_skipped_do_not_check()
    {
        var build = new CheckedBuild { InputProblem = "broken" };
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Clean");
        Assert.True(exitCode == 0, output);

        var skipped = new CheckedBuild { InputProblem = "broken" };
        (exitCode, output) = await ConsoleCapture.RunAsync(skipped, "Clean", "Deploy", "--skip", "Images", "Deploy");
        Assert.True(exitCode == 0, output);
        Assert.Equal(0, skipped.InputChecks);
    }
}
