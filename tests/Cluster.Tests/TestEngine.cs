using Mooc.Kubernetes;
using Mooc.Manifests;
using Mooc.Tests.Shared;

namespace Cluster.Tests;

/// <summary>The Kubernetes engine on the test cluster, in a namespace of the test's own, with static volumes under a temporary root (the cluster has no provisioner).</summary>
public static class TestEngine
{
    public const string Context = "mooc-local";

    public static KubernetesOptions Options(string? @namespace = null, bool rollbackOnFailure = false) => new()
    {
        Context = Context,
        Namespace = @namespace ?? "kt-" + StandIn.NewName(),
        Volumes = VolumeMode.Static,
        VolumeRoot = VolumeRoot,
        RollbackOnFailure = rollbackOnFailure,
    };

    /// <summary>Where the tests' static volumes live on the node (this machine); each namespace gets a folder of its own.</summary>
    public static string VolumeRoot { get; } = Path.Combine(Path.GetTempPath(), "mooc-cluster-tests-volumes");

    public static Task<KubernetesCluster> ConnectAsync(string? @namespace = null, bool rollbackOnFailure = false) =>
        KubernetesCluster.ConnectAsync(Options(@namespace, rollbackOnFailure), CancellationToken.None);
}
