using Mooc.Kubernetes;
using Mooc.Platform.Cluster;
using Mooc.Tests.Shared;

namespace Cluster.Tests;

/// <summary>The engine contract on the test cluster; the same cases run on the local Docker engine in Local.Tests.</summary>
[Trait("Category", "Cluster")]
public sealed class KubernetesEngineContractTests : EngineContract, IClassFixture<ClusterFixture>
{
    /// <param name="cluster">Starts the test cluster when it is not running.</param>
    public KubernetesEngineContractTests(ClusterFixture cluster) { }

    protected override TimeSpan Deadline => TimeSpan.FromMinutes(2);

    protected override async Task<IClusterEngine> ConnectAsync() => await TestEngine.ConnectAsync();

    /// <summary>Objects are named kind/name, e.g. statefulset/store or configmap/app-env.</summary>
    protected override bool BelongsTo(string applied, string service) => applied.Split('/')[1] is var name && (name == service || name.StartsWith(service + "-"));

    public override async Task DisposeAsync()
    {
        var @namespace = ((KubernetesCluster)Engine).Namespace;
        await base.DisposeAsync();
        await Workloads.KubectlAsync("delete", "namespace", @namespace, "--ignore-not-found", "--wait=false");
    }
}
