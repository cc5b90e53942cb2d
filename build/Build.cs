using Mooc.Build;

/// <summary>
/// The pipeline. Every target, what it depends on and what it does; the work lives in the parts
/// (build/Images, build/Platform, build/Kubernetes, build/Local, build/Smoke, perf/).
/// </summary>
[GitHubActions("ci", GitHubActionsImage.UbuntuLatest,
    On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
    InvokedTargets = ["Test"],
    PublishArtifacts = [".nuke/temp/test-results/**"])]
partial class Build : NukeBuild
{
    public static Task<int> Main() => Execute<Build>(x => x.Test);

    Target Clean => _ => _
        .Description("Remove build outputs and test results (deployment secrets are kept)")
        .Before(Test)
        .Executes(() => Workspace.Clean());

    Target Test => _ => _
        .Description("Build and run the project's own tests; ends with 'N passed, N failed'")
        .Executes(async ct =>
        {
            var (counts, result) = await DotNetTest.RunAsync("mooc.slnx", TestFilter, Path.Combine(TemporaryDirectory, "test-results"), ct);
            ReportSummary("tests", counts.ToString());
            ReportFinalLine(counts.ToString());
            if (!result.Succeeded) throw new InvalidOperationException($"dotnet test failed (exit {result.ExitCode}): {counts}");
        });
}
