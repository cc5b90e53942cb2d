using System.Text.Json;
using Mooc.Build;

namespace Engine.Tests;

public class GeneratedFilesTests
{
    static IReadOnlyList<(string RelativePath, string Content)> GenerateForThePipeline()
    {
        var build = new Build();
        return GeneratedFiles.Generate(typeof(Build), TargetDiscovery.Discover(build), ParameterService.Discover(build).Parameters);
    }

    [Fact]
    public void The_committed_schema_and_workflows_are_what_the_build_generates()
    {
        var files = GenerateForThePipeline();
        Assert.Contains(files, f => f.RelativePath == ".nuke/build.schema.json");
        Assert.Contains(files, f => f.RelativePath == ".github/workflows/ci.yml");
        foreach (var (relativePath, content) in files)
        {
            var path = Path.Combine(RepositoryPaths.Root, relativePath);
            Assert.True(File.Exists(path) && File.ReadAllText(path) == content,
                $"{relativePath} is stale: run './build.sh --help' (it regenerates the file) and commit it.");
        }
    }

    [Fact]
    public void The_schema_names_every_target_and_parameter_with_its_type()
    {
        using var schema = JsonDocument.Parse(GenerateForThePipeline().Single(f => f.RelativePath == ".nuke/build.schema.json").Content);
        var targets = schema.RootElement.GetProperty("definitions").GetProperty("Target").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["Backup", "Clean", "ClusterDown", "ClusterUp", "CreateUser", "DataServices", "Deploy", "Down", "FaultTest", "Images", "ImportCourse", "LoadTest", "Logs", "Manifests", "Migrate", "Preflight", "Restore", "Shell", "SmokeTest", "Start", "Status", "Stop", "Test"], targets);
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("PublicPort").GetProperty("type").GetString());
        Assert.Equal(18000, properties.GetProperty("PublicPort").GetProperty("default").GetInt32());
        Assert.Equal("boolean", properties.GetProperty("ForceImages").GetProperty("type").GetString());
        Assert.Equal("array", properties.GetProperty("Hosts").GetProperty("type").GetString());
        Assert.Equal("5m", properties.GetProperty("ReadyTimeout").GetProperty("default").GetString());
        Assert.Contains("secret", properties.GetProperty("RegistryCredentials").GetProperty("description").GetString());
        Assert.False(properties.GetProperty("RegistryCredentials").TryGetProperty("default", out _));
    }

    [GitHubActions("nightly", GitHubActionsImage.Ubuntu2404,
        On = [GitHubActionsTrigger.WorkflowDispatch],
        InvokedTargets = ["Deploy", "LoadTest"],
        Arguments = "--profile ci",
        ImportSecrets = [nameof(Token)],
        PublishArtifacts = ["results/**"])]
    class WorkflowBuild : NukeBuild
    {
        [Parameter("A token"), Secret] public string? Token = null;
        Target Deploy => _ => _.Executes(() => { });
        Target LoadTest => _ => _.Executes(() => { });
    }

    [Fact]
    public void A_workflow_runs_the_targets_passes_secrets_as_environment_and_uploads_artifacts_even_on_failure()
    {
        var build = new WorkflowBuild();
        var (path, yaml) = WorkflowGenerator.Generate(typeof(WorkflowBuild), ParameterService.Discover(build).Parameters).Single();
        Assert.Equal(".github/workflows/nightly.yml", path);
        Assert.Contains("  workflow_dispatch:", yaml);
        Assert.Contains("runs-on: ubuntu-24.04", yaml);
        Assert.Contains("run: ./build.sh Deploy LoadTest --profile ci", yaml);
        Assert.Contains("TOKEN: ${{ secrets.TOKEN }}", yaml);
        Assert.Contains("if: always()", yaml);
        Assert.Contains("            results/**", yaml);
    }
}
