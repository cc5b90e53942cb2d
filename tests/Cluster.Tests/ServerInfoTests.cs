using Mooc.Build;
using Mooc.Kubernetes;
using Mooc.Manifests;

namespace Cluster.Tests;

/// <summary>What the server's discovery decides, without a cluster: the oldest release supported and the PodDisruptionBudget version.</summary>
public sealed class ServerInfoTests
{
    static ServerInfo Server(string version, int minor, params string[] groupVersions) => new(version, 1, minor, groupVersions.ToHashSet());

    [Fact]
    public void A_server_older_than_1_20_stops_the_run_naming_its_version()
    {
        var failure = Assert.Throws<BuildException>(() => Server("v1.19.16", 19).EnsureSupported("old-lab"));

        Assert.Contains("--cluster old-lab", failure.Message);
        Assert.Contains("v1.19.16", failure.Message);
        Assert.Contains("1.20 and later", failure.Message);
    }

    [Theory]
    [InlineData("v1.20.2", 20)]
    [InlineData("v1.31.0-gke.1", 31)]
    public void Releases_from_1_20_on_are_supported(string version, int minor) => Server(version, minor).EnsureSupported("c");

    [Fact]
    public void The_disruption_budget_version_follows_what_the_server_serves()
    {
        Assert.Equal("policy/v1beta1", RenderOptions.DisruptionBudgetApiVersionServedBy(Server("v1.20.2", 20, "v1", "policy/v1beta1").GroupVersions));
        Assert.Equal("policy/v1", RenderOptions.DisruptionBudgetApiVersionServedBy(Server("v1.25.0", 25, "v1", "policy/v1").GroupVersions));
    }
}
