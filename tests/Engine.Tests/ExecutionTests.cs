using Mooc.Build;

namespace Engine.Tests;

[Collection("console")]
public class ExecutionTests
{
    [Fact]
    public async Task The_default_target_runs_with_its_dependencies_and_triggers_and_exits_zero()
    {
        var build = new PipelineLikeBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Deploy");
        Assert.Equal(0, exitCode);
        Assert.Equal(["Images", "Manifests", "Deploy", "Migrate", "SmokeTest"], build.Ran);
        Assert.Contains("Build summary", output);
        Assert.Contains("Succeeded", output);
    }

    [Fact]
    public async Task A_failure_stops_what_follows_marks_it_NotRun_and_exits_non_zero()
    {
        var build = new PipelineLikeBuild { DeployFails = true };
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Deploy");
        Assert.Equal(BuildRunner.ExitFailed, exitCode);
        Assert.Equal(["Images", "Manifests", "Deploy"], build.Ran);
        Assert.Contains("Target Deploy failed: mysql did not become healthy", output);
        Assert.Matches(@"Migrate\s*│\s*NotRun", output);
        Assert.Contains("Build failed: Deploy", output);
    }

    [Fact]
    public async Task OnlyWhenDynamic_false_skips_with_the_condition_as_reason()
    {
        var build = new PipelineLikeBuild { LoadTestWanted = false };
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "LoadTest");
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("LoadTest", build.Ran);
        Assert.Contains("Deploy", build.Ran);
        Assert.Contains("OnlyWhenDynamic: () => LoadTestWanted", output);
    }

    [Fact]
    public async Task OnlyWhenStatic_false_skips_and_shows_the_code_of_the_condition()
    {
        var build = new PipelineLikeBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Publish", "--registry", "r.example:5000");
        Assert.Equal(0, exitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("OnlyWhenStatic: () => Cluster != \"local\"", output);
    }

    [Fact]
    public async Task A_missing_required_parameter_stops_the_build_before_anything_runs()
    {
        var build = new PipelineLikeBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Publish", "--cluster", "prod");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("Target Publish requires parameter --registry", output);
        Assert.Contains("$REGISTRY", output);
    }

    [Fact]
    public async Task A_required_flag_that_is_false_stops_the_build_and_when_given_lets_the_target_run()
    {
        var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "Rebuild");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains("Target Rebuild requires parameter --force-images", output);

        var build = new PipelineLikeBuild();
        Assert.Equal(0, (await ConsoleCapture.RunAsync(build, "Rebuild", "--force-images")).ExitCode);
        Assert.Equal(["Rebuild"], build.Ran);
    }

    [Fact]
    public async Task A_required_parameter_given_lets_the_target_run()
    {
        var build = new PipelineLikeBuild();
        var (exitCode, _) = await ConsoleCapture.RunAsync(build, "Publish", "--cluster", "prod", "--registry", "r.example:5000");
        Assert.Equal(0, exitCode);
        Assert.Equal(["Publish"], build.Ran);
    }

    [Fact]
    public async Task Skip_on_the_command_line_marks_targets_skipped_in_the_summary()
    {
        var build = new PipelineLikeBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Deploy", "--skip", "Images");
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Images", build.Ran);
        Assert.Matches(@"Images\s*│\s*Skipped", output);
    }

    [Fact]
    public async Task An_unknown_target_on_the_command_line_exits_with_a_usage_error()
    {
        var build = new PipelineLikeBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Deploy", "Deplyo");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("Did you mean 'Deploy'?", output);
    }

    [Fact]
    public async Task Help_lists_every_target_and_parameter_with_where_its_value_came_from()
    {
        var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "Deploy", "--help", "--users", "42");
        Assert.Equal(0, exitCode);
        foreach (var name in new[] { "Images", "Manifests", "Deploy", "Migrate", "SmokeTest", "LoadTest", "--cluster", "--users", "--force-images", "$FORCE_IMAGES", "--registry-password" })
            Assert.Contains(name, output);
        Assert.Contains("42 (from command line)", output);
        Assert.Contains("Plain|Fancy", output);
    }

    [Fact]
    public async Task Plan_prints_the_order_and_writes_a_mermaid_page_without_running_anything()
    {
        var root = ConsoleCapture.TempRoot();
        var build = new PipelineLikeBuild();
        var (exitCode, output) = await ConsoleCapture.RunInAsync(root, build, "Deploy", "--plan");
        Assert.Equal(0, exitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("1. Images", output);
        Assert.Contains("5. SmokeTest", output);
        var html = await File.ReadAllTextAsync(Path.Combine(root, ".nuke", "temp", "plan.html"));
        Assert.Contains("Images --&gt; Deploy", html);
        Assert.Contains("Deploy -. triggers .-&gt; Migrate", html);
    }

    [Fact]
    public async Task Under_GitHub_Actions_targets_are_log_groups_failures_annotations_and_the_summary_goes_to_the_step_summary()
    {
        var summaryFile = Path.GetTempFileName();
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summaryFile);
        try
        {
            var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild { DeployFails = true }, "Deploy");
            Assert.Equal(BuildRunner.ExitFailed, exitCode);
            Assert.Contains("::group::Images", output);
            Assert.Contains("::endgroup::", output);
            Assert.Contains("::error title=Target Deploy failed::mysql did not become healthy", output);
            var summary = await File.ReadAllTextAsync(summaryFile);
            Assert.Contains("| Deploy | Failed |", summary);
            Assert.Contains("| Migrate | NotRun |", summary);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_ACTIONS", null);
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
            File.Delete(summaryFile);
        }
    }

    [Fact]
    public async Task Final_lines_come_last_after_the_summary()
    {
        var build = new FinalLineBuild();
        var (exitCode, output) = await ConsoleCapture.RunAsync(build, "Count");
        Assert.Equal(0, exitCode);
        Assert.Equal("7 passed, 0 failed", output.TrimEnd().Split('\n').Last().Trim());
    }

    class FinalLineBuild : NukeBuild
    {
        Target Count => _ => _.Executes(() => ReportFinalLine("7 passed, 0 failed"));
    }
}
