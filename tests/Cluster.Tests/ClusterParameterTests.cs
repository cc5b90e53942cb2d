using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Cluster.Tests;

/// <summary>--cluster names a kubeconfig context; a wrong one is a mistake in the call, found before anything runs.</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterParameterTests(ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_context_that_does_not_exist_exits_2_naming_the_contexts_there_are()
    {
        var (code, lines) = await BuildProcess.RunAsync(output, "Deploy", "--cluster", "mooc-locl", "--deployment", "ctx" + StandIn.NewName());

        Assert.Equal(2, code);
        var error = string.Join("\n", lines);
        Assert.Contains("--cluster mooc-locl: no such context", error);
        Assert.Contains("Did you mean 'mooc-local'?", error);
        Assert.DoesNotContain(lines, l => l.Contains("── Images"));
    }
}
