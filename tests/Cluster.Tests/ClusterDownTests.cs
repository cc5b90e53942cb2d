using Mooc.Build;
using Mooc.TestCluster;

namespace Cluster.Tests;

/// <summary>ClusterDown undoes what ClusterUp did to the host, and ClusterUp after it brings the same cluster back from the cached binaries.</summary>
[Trait("Category", "Cluster")]
[Collection(ClusterStopsCollection.Name)]
public sealed class ClusterDownTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Down_leaves_no_process_container_mount_iptables_rule_or_sysctl_change_and_up_again_brings_the_cluster_back_without_a_build()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("survivor");
        var paths = TestClusterPaths.Current;
        var pids = TestCluster.Components.Select(c => int.Parse(File.ReadAllText(paths.PidFile(c)).Trim())).ToList();
        var sysctlsBefore = await File.ReadAllLinesAsync(paths.SavedSysctls);
        var kubeRulesBefore = (await File.ReadAllLinesAsync(Path.Combine(paths.State, "saved", "iptables-before"))).Where(IsKubeRule).ToHashSet();

        await TestCluster.DownAsync(purge: false, CancellationToken.None);

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs"));
        Assert.Equal("", await RunAsync("docker", "ps", "-aq", "--filter", "label=io.kubernetes.docker.type"));
        Assert.DoesNotContain((await RunAsync("iptables-save")).Split('\n'), rule => IsKubeRule(rule) && !kubeRulesBefore.Contains(rule));
        Assert.DoesNotContain((await RunAsync("ip6tables-save")).Split('\n'), IsKubeRule);
        Assert.DoesNotContain((await File.ReadAllLinesAsync("/proc/self/mounts")).Select(line => line.Split(' ')[1]), mount => mount.StartsWith(paths.State));
        foreach (var line in sysctlsBefore)
        {
            var (key, value) = (line.Split('=', 2)[0], line.Split('=', 2)[1]);
            Assert.Equal($"{key}={value}", $"{key}={await RunAsync("sysctl", "-n", key)}");
        }

        var up = await TestCluster.UpAsync(CancellationToken.None);

        Assert.DoesNotContain(up.Output, line => line.Contains("Building Kubernetes"));
        await workloads.RolloutAsync("survivor");
        Assert.Equal("1", await workloads.InNamespaceAsync("get", "deployment", "survivor", "-o", "jsonpath={.status.readyReplicas}"));
    }

    static bool IsKubeRule(string line) => line.Contains("KUBE-");

    /// <summary>A zombie (stopped, not yet reaped by its new parent) does not count.</summary>
    static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadLines(status).Any(line => line.StartsWith("State:") && line.Contains("zombie"));
    }

    static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, CancellationToken.None, quiet: true);
        Assert.True(result.Succeeded, $"{program} failed: {result.Tail(5)}");
        return string.Join('\n', result.Output).Trim();
    }
}
