using Mooc.Kubernetes;
using Mooc.Platform.Cluster;
using Mooc.Tests.Shared;

namespace Cluster.Tests;

/// <summary>The operations contract on the test cluster: Stop scales the workloads to zero, Start back; Logs reads every pod.</summary>
[Trait("Category", "Cluster")]
public sealed class KubernetesOperationsTests : OperationsContract, IClassFixture<ClusterFixture>
{
    /// <param name="cluster">Starts the test cluster when it is not running.</param>
    public KubernetesOperationsTests(ClusterFixture cluster) { }

    protected override TimeSpan Deadline => TimeSpan.FromMinutes(2);

    protected override async Task<IClusterEngine> ConnectAsync() => await TestEngine.ConnectAsync();

    public override async Task DisposeAsync()
    {
        var @namespace = ((KubernetesCluster)Engine).Namespace;
        await base.DisposeAsync();
        await Workloads.KubectlAsync("delete", "namespace", @namespace, "--ignore-not-found", "--wait=false");
    }
}
