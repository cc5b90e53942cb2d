using k8s;
using k8s.Models;
using Mooc.Kubernetes.Rollout;

namespace Cluster.Tests.Rollout;

/// <summary>The list-then-watch protocol against the real API server, down to the answers a long wait meets.</summary>
[Trait("Category", "Cluster")]
public sealed class NamedObjectWatchTests : IAsyncLifetime, IClassFixture<ClusterFixture>
{
    RolloutNamespace ns = null!;

    public async Task InitializeAsync() => ns = await RolloutNamespace.CreateAsync();

    public async Task DisposeAsync() => await ns.DisposeAsync();

    [Fact]
    public async Task A_watch_from_a_compacted_resource_version_gets_410_Gone_and_the_follow_lists_again()
    {
        await ns.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "ro-watched" }, Data = new Dictionary<string, string> { ["ready"] = "yes" } }, ns.Name);
        var lists = 0;
        var source = new NamedObjectSource<V1ConfigMap>(
            async (field, ct) =>
            {
                // The first list pretends to be very old: resourceVersion 1 is long gone from the server's history.
                if (++lists == 1) return (null, "1");
                var list = await ns.Client.CoreV1.ListNamespacedConfigMapAsync(ns.Name, fieldSelector: field, cancellationToken: ct);
                return (list.Items.SingleOrDefault(), list.Metadata.ResourceVersion);
            },
            (field, version, timeout, onError, ct) => ns.Client.CoreV1.WatchListNamespacedConfigMapAsync(ns.Name, fieldSelector: field, resourceVersion: version,
                timeoutSeconds: timeout, onError: onError, cancellationToken: ct));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var found = await NamedObjectWatch.FollowAsync(source, "ro-watched", item => item?.Data?["ready"] == "yes", watchTimeout: null, deadline.Token);

        Assert.Equal(2, lists);
        Assert.Equal("ro-watched", found?.Metadata.Name);
    }
}
