using System.Text.RegularExpressions;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Cluster.Tests;

/// <summary>
/// ./build.sh FaultTest on the test cluster against the reference platform, as a user runs it: an lms pod
/// deleted under the learner load is measured and every acknowledged write is found in the database;
/// the database's pod deleted with a recovery limit too tight fails the target with the figures; a node
/// fault on the one-node cluster fails saying why.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ReferencePlatformCollection.Name)]
public sealed partial class FaultTestOnClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Pods_deleted_under_load_are_measured_nothing_acknowledged_is_lost_and_limits_fail_the_target()
    {
        _ = cluster;
        var name = "ft" + StandIn.NewName();
        string[] on = ["--cluster", TestEngine.Context, "--deployment", name, "--volumes", "static", "--volume-root", TestEngine.VolumeRoot];
        string[] load = ["--rate", "0.5", "--warm-up", "3s", "--load-duration", "24s", "--fault-at", "6s"];
        try
        {
            var (lmsCode, lms) = await BuildProcess.RunAsync(output, ["FaultTest", .. on, .. load, "--max-recovery", "120s", "--max-failed-requests", "1000"]);
            Assert.Equal(0, lmsCode);
            Assert.Contains(lms, l => l.Contains("fault test passed") && l.Contains("ready again"));
            AssertEveryWriteFound(lms);
            Assert.Contains(lms, l => l.Contains("deleted at once (grace period 0)"));

            var (mysqlCode, mysql) = await BuildProcess.RunAsync(output, ["FaultTest", .. on, .. load, "--fault-service", "mysql", "--max-recovery", "1s"]);
            Assert.NotEqual(0, mysqlCode);
            Assert.Contains(mysql, l => l.Contains("fault test failed: max-recovery 1 s") && l.Contains("ready again"));
            AssertEveryWriteFound(mysql);

            var (nodeCode, node) = await BuildProcess.RunAsync(output, ["FaultTest", .. on, .. load, "--fault", "node"]);
            Assert.NotEqual(0, nodeCode);
            Assert.Contains(node, l => l.Contains("--fault node: the Kubernetes cluster") && l.Contains("has one node"));
        }
        finally
        {
            await BuildProcess.RunAsync(output, ["Down", .. on, "--purge"]);
            BuildProcess.ForgetSettings(name); // should the Down fail
        }
    }

    /// <summary>The outcome line (printed, and in the error when the target fails) says "N of M acknowledged enrollments found" per kind: M above zero and N equal to it.</summary>
    static void AssertEveryWriteFound(IReadOnlyList<string> lines)
    {
        var counts = lines.SelectMany(l => WriteCount().Matches(l)).ToList();
        Assert.Equal(2, counts.Select(m => m.Groups[3].Value).Distinct().Count());
        Assert.All(counts, m => Assert.True(int.Parse(m.Groups[2].Value) > 0 && m.Groups[1].Value == m.Groups[2].Value, m.Value));
    }

    [GeneratedRegex(@"(\d+) of (\d+) acknowledged (enrollment|graded submission)s found")]
    private static partial Regex WriteCount();
}
