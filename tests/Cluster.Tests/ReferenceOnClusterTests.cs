using Mooc.Kubernetes;
using Mooc.Perf.OpenEdx;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Cluster.Tests;

/// <summary>
/// The reference platform on the test cluster as a user runs it: ./build.sh with --cluster
/// mooc-local and static volumes; migrated by Jobs, smoke-tested and load-tested through the
/// pipeline's port-forward; a second Deploy that changes nothing; a learner kept across a
/// redeploy and a Down without purge.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ReferencePlatformCollection.Name)]
public sealed class ReferenceOnClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Deploy_migrate_smoke_and_load_test_on_the_cluster_and_keep_a_learner_across_a_redeploy_and_a_down()
    {
        _ = cluster;
        var name = "kref" + StandIn.NewName();
        string[] on = ["--cluster", TestEngine.Context, "--deployment", name, "--volumes", "static", "--volume-root", TestEngine.VolumeRoot];
        try
        {
            var (code, first) = await BuildProcess.RunAsync(output, ["LoadTest", .. on, "--users", "2", "--load-duration", "10s", "--warm-up", "2s", "--ramp-up", "2s"]);
            Assert.Equal(0, code);
            Assert.Contains(first, l => l.Contains("Job lms-migrate-"));
            Assert.Contains(first, l => l.Contains("Port-forward"));

            using var engine = await TestEngine.ConnectAsync(name);
            var deployment = await ClusterDeployment.PrepareAsync(engine, name, PlatformLoader.LoadByName("reference"), new Dictionary<string, string>(), CancellationToken.None);
            var email = $"kept-{Guid.NewGuid():N}"[..16] + "@example.com";
            await using (var entry = await engine.OpenEntryPointAsync(deployment, CancellationToken.None))
            using (var learner = new LearnerClient(entry.Url))
                Assert.True((await learner.RegisterAsync(email, email.Split('@')[0].Replace('-', '_'), "Kept Learner", "Kept-pass-123", CancellationToken.None)).Ok);

            var before = await KubernetesDeployTests.SettledResourceVersionsAsync(engine, name);
            var (again, second) = await BuildProcess.RunAsync(output, ["Deploy", .. on]);
            Assert.Equal(0, again);
            Assert.Contains(second, l => l.Contains("Migrations up to date"));
            // The smoke test Deploy triggers makes its own cleanup Job (one per test run, replacing the last): the test's, not the deploy's.
            static Dictionary<string, string> DeploysOwn(Dictionary<string, string> objects) =>
                objects.Where(o => !o.Key.StartsWith("Job/remove-test-data-", StringComparison.Ordinal)).ToDictionary();
            KubernetesDeployTests.AssertUnmoved(DeploysOwn(before), DeploysOwn(await KubernetesDeployTests.ResourceVersionsAsync(engine, name)));

            Assert.Equal(0, (await BuildProcess.RunAsync(output, ["Down", .. on])).ExitCode);
            Assert.Equal(0, (await BuildProcess.RunAsync(output, ["Deploy", .. on])).ExitCode);
            await using (var entry = await engine.OpenEntryPointAsync(deployment, CancellationToken.None))
            using (var learner = new LearnerClient(entry.Url))
            {
                var login = await learner.LoginAsync(email, "Kept-pass-123", CancellationToken.None);
                Assert.True(login.Ok, login.Problem);
            }
        }
        finally
        {
            await BuildProcess.RunAsync(output, ["Down", .. on, "--purge"]);
            BuildProcess.ForgetSettings(name); // should the Down fail
        }
    }
}
