using k8s;
using Mooc.Kubernetes.Rollout;
using Mooc.Platform.Cluster;

namespace Cluster.Tests.Rollout;

/// <summary>A Deployment whose new revision fails goes back to the one before, as kubectl rollout undo does.</summary>
[Trait("Category", "Cluster")]
public sealed class DeploymentRollbackTests(ClusterFixture cluster) : IAsyncLifetime, IClassFixture<ClusterFixture>
{
    RolloutNamespace ns = null!;

    public async Task InitializeAsync() => ns = await RolloutNamespace.CreateAsync();

    public async Task DisposeAsync() => await ns.DisposeAsync();

    static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The web Deployment at one release. A progress deadline only where the test needs one (a broken
    /// release): a healthy pod on the shared two cores can take more than 10 s to start.
    /// </summary>
    string Version(string image, string release, int? progressDeadlineSeconds = null) => RolloutNamespace.Deployment("ro-web", $"""
        image: {image}
        imagePullPolicy: IfNotPresent
        env: [{"{"}name: RELEASE, value: "{release}"{"}"}]
        readinessProbe: {"{"}tcpSocket: {"{"}port: 11211{"}"}, periodSeconds: 1{"}"}
        """, progressDeadlineSeconds: progressDeadlineSeconds);

    Task WaitAsync() => RolloutWatcher.WaitAsync(ns.Client, ns.Name, [new WorkloadRef(WorkloadKind.Deployment, "ro-web")], Generous, CancellationToken.None);

    [Fact]
    public async Task A_failed_rollout_goes_back_to_the_previous_template_which_becomes_ready_and_the_next_apply_takes_over_again()
    {
        await ns.ApplyAsync(Version(cluster.MemcachedImage, "v1"));
        await WaitAsync();
        // The deadline outlives the rollback too (it is no part of the template): long enough for the old pods to start again.
        await ns.ApplyAsync(Version("127.0.0.1:18349/ro-no-such-image:2", "v2", progressDeadlineSeconds: 30));
        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(WaitAsync);
        Assert.Contains("Deployment ro-web: exceeded its progress deadline (30 s)", failure.Message);

        var outcome = await DeploymentRollback.RollBackAsync(ns.Client, ns.Name, "ro-web", CancellationToken.None);

        Assert.True(outcome.RolledBack, outcome.Description);
        Assert.Equal(1, outcome.Revision);
        Assert.Equal($"ro-web back to revision 1 (main: {cluster.MemcachedImage})", outcome.Description);
        // Not failed by the progress deadline its broken release exceeded, which the controller still reports for a moment.
        await WaitAsync();
        var template = (await ns.Client.AppsV1.ReadNamespacedDeploymentAsync("ro-web", ns.Name)).Spec.Template;
        Assert.Equal(cluster.MemcachedImage, template.Spec.Containers[0].Image);
        Assert.Equal("v1", template.Spec.Containers[0].Env.Single().Value);
        Assert.False(template.Metadata.Labels.ContainsKey("pod-template-hash"));

        await ns.ApplyAsync(Version(cluster.MemcachedImage, "v3"));
        await WaitAsync();
        var next = (await ns.Client.AppsV1.ReadNamespacedDeploymentAsync("ro-web", ns.Name)).Spec.Template.Spec.Containers[0];
        Assert.Equal("v3", next.Env.Single().Value);
    }

    [Fact]
    public async Task A_deployment_with_one_revision_has_nothing_to_go_back_to()
    {
        await ns.ApplyAsync(Version(cluster.MemcachedImage, "v1"));
        await WaitAsync();

        var outcome = await DeploymentRollback.RollBackAsync(ns.Client, ns.Name, "ro-web", CancellationToken.None);

        Assert.False(outcome.RolledBack);
        Assert.Equal("ro-web has no previous revision to go back to (revision 1 is its only one).", outcome.Description);
        Assert.Equal("1", (await ns.Client.AppsV1.ReadNamespacedDeploymentAsync("ro-web", ns.Name)).Metadata.Annotations[DeploymentRollback.RevisionAnnotation]);
    }
}
