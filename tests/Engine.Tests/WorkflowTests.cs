using Mooc.Build;
using YamlDotNet.RepresentationModel;

namespace Engine.Tests;

/// <summary>The generated GitHub workflow, read as GitHub reads it: what the hosted runner gets and runs.</summary>
public class WorkflowTests
{
    static YamlMappingNode Job(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents.Single().RootNode)["jobs"];
        return (YamlMappingNode)jobs.Children.Single().Value;
    }

    static List<YamlMappingNode> Steps(YamlMappingNode job) => ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>().ToList();

    static string? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [Fact]
    public void The_ci_workflow_installs_the_pinned_sdk_needs_no_root_and_leaves_out_the_tests_only_a_root_machine_can_run()
    {
        var build = new Build();
        var (_, yaml) = WorkflowGenerator.Generate(typeof(Build), ParameterService.Discover(build).Parameters).Single(f => f.RelativePath == ".github/workflows/ci.yml");
        var job = Job(yaml);
        var steps = Steps(job);

        Assert.Equal("ubuntu-latest", Value(job, "runs-on"));
        Assert.Equal(["actions/checkout@v4", "actions/setup-dotnet@v4"], steps.Take(2).Select(s => Value(s, "uses")));
        Assert.Equal("global.json", Value((YamlMappingNode)steps[1]["with"], "global-json-file"));
        var runs = steps.Select(s => Value(s, "run")).OfType<string>().ToList();
        Assert.Equal(["./build.sh Test LoadTest --test-filter 'Category!=Cluster'"], runs);
        // The runner is not root: Docker is there and Docker Hub answers, so nothing is installed.
        Assert.DoesNotContain("sudo", yaml);
    }

    [GitHubActions("odd", GitHubActionsImage.UbuntuLatest, InvokedTargets = ["Test"], Arguments = "--test-filter 'Name: x' # y")]
    class OddArgumentsBuild : NukeBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    [Fact]
    public void Arguments_that_yaml_would_misread_are_quoted_so_the_runner_gets_them_as_written()
    {
        var (_, yaml) = WorkflowGenerator.Generate(typeof(OddArgumentsBuild), ParameterService.Discover(new OddArgumentsBuild()).Parameters).Single();
        var run = Steps(Job(yaml)).Select(s => Value(s, "run")).OfType<string>().Single();
        Assert.Equal("./build.sh Test --test-filter 'Name: x' # y", run);
    }
}
