using Mooc.Tests.Shared;
using Mooc.Platform.Model;
using Mooc.Smoke;

namespace Local.Tests;

public sealed class SmokeTestsTests : EngineTest
{
    [Fact]
    public async Task Smoke_checks_pass_against_a_deployed_platform_and_a_failing_check_fails_the_run()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, platform));
        await Mooc.Platform.Cluster.PlatformRollout.DeployAsync(Cluster, deployment, Deadline, CancellationToken.None);

        var results = await SmokeTests.RunAsync(platform, PublicUrl, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.All(results, r => Assert.True(r.Passed, r.Detail));

        var broken = platform with { SmokeChecks = [new SmokeCheck("catalog", SmokeCheckKind.Http, "/migrated", 200, "course-v1:edX+DemoX")] };
        var failure = await Assert.ThrowsAsync<SmokeTestFailedException>(
            () => SmokeTests.RunAsync(broken, PublicUrl, TimeSpan.FromSeconds(3), CancellationToken.None));
        var result = Assert.Single(failure.Results);
        Assert.False(result.Passed);
        Assert.True(result.Attempts > 1);
        Assert.Contains("course-v1:edX+DemoX", result.Detail);
    }
}
