using System.Net;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Kubernetes;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Cluster.Tests;

/// <summary>
/// What only the Kubernetes engine does, on the test cluster with the stand-in platform: resource
/// versions that do not move on a second deploy, pods replaced only where something changed,
/// prune, the API's own message for a rejected object, rollback, a missing image, a step that cannot be scheduled.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class KubernetesDeployTests(ClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<ClusterFixture>
{

    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    readonly List<(KubernetesCluster Engine, ClusterDeployment Deployment)> _deployed = [];

    /// <summary>The fixture has started the test cluster and built the stand-in's image on its node.</summary>
    public Task InitializeAsync() => cluster.MemcachedImage.Length > 0 ? Task.CompletedTask : throw new InvalidOperationException("the cluster fixture did not start");

    public async Task DisposeAsync()
    {
        foreach (var (engine, deployment) in _deployed)
        {
            await PlatformRollout.RemoveAsync(engine, deployment.Platform.Name, deployment.Name, purge: true, CancellationToken.None);
            await Workloads.KubectlAsync("delete", "namespace", engine.Namespace, "--ignore-not-found", "--wait=false");
            engine.Dispose();
        }
    }

    async Task<(KubernetesCluster Engine, ClusterDeployment Deployment)> DeployAsync(PlatformDefinition? platform = null, bool rollbackOnFailure = false)
    {
        var engine = await TestEngine.ConnectAsync(rollbackOnFailure: rollbackOnFailure);
        var deployment = await StandIn.DeploymentAsync(engine, platform ?? StandIn.Platform(await StandIn.ImageAsync()));
        _deployed.Add((engine, deployment));
        await PlatformRollout.DeployAsync(engine, deployment, Deadline, CancellationToken.None);
        return (engine, deployment);
    }

    [Fact]
    public async Task A_statefulset_whose_governing_service_cannot_change_in_place_is_recreated_keeping_its_pod_and_data()
    {
        var (engine, deployment) = await DeployAsync();
        using var client = DryRunApply.Connect();
        var ns = engine.Namespace;
        // The object as a deploy from before the headless governing Services left it: serviceName is the client Service.
        var current = await client.AppsV1.ReadNamespacedStatefulSetAsync("store", ns);
        var podUid = (await client.CoreV1.ReadNamespacedPodAsync("store-0", ns)).Metadata.Uid;
        await client.AppsV1.DeleteNamespacedStatefulSetAsync("store", ns, propagationPolicy: "Orphan");
        await UntilAsync("the old store StatefulSet to go", async ct =>
            (await client.AppsV1.ListNamespacedStatefulSetAsync(ns, fieldSelector: "metadata.name=store", cancellationToken: ct)).Items.Count == 0);
        current.Metadata = new V1ObjectMeta { Name = "store", NamespaceProperty = ns, Labels = current.Metadata.Labels };
        current.Spec.ServiceName = "store";
        current.Status = null;
        var recreated = await client.AppsV1.CreateNamespacedStatefulSetAsync(current, ns);
        // As a StatefulSet left long enough would be: its pod adopted. Deleting it before the garbage
        // collector has seen the adoption would leave the pod owned by a deleted object, and the
        // collector would then remove the pod, which no engine can prevent.
        await UntilAsync("the old store StatefulSet to adopt its pod", async ct =>
            (await client.CoreV1.ReadNamespacedPodAsync("store-0", ns, cancellationToken: ct)).Metadata.OwnerReferences?.Any(o => o.Uid == recreated.Metadata.Uid) == true);

        var result = await PlatformRollout.DeployAsync(engine, deployment, Deadline, CancellationToken.None);

        output.WriteLine(string.Join(", ", result.Created));
        Assert.Equal("store-headless", (await client.AppsV1.ReadNamespacedStatefulSetAsync("store", ns)).Spec.ServiceName);
        Assert.Equal(podUid, (await client.CoreV1.ReadNamespacedPodAsync("store-0", ns)).Metadata.Uid);
        await using var entry = await engine.OpenEntryPointAsync(deployment, CancellationToken.None);
        using var http = new HttpClient();
        Assert.Equal("v1\n", await http.GetStringAsync(new Uri(entry.Url, "/migrated")));
    }

    static Task UntilAsync(string what, Func<CancellationToken, Task<bool>> done) =>
        new Wait(what, TimeSpan.FromMinutes(1)) { Interval = TimeSpan.FromMilliseconds(300) }
            .UntilAsync<bool>(async ct => await done(ct) ? Seen.Done(true) : Seen.NotYet("not yet"), CancellationToken.None);

    /// <summary>kind/name=resourceVersion of everything the deployment has in its namespace (the lock's Lease aside: it is renewed while held).</summary>
    public static async Task<Dictionary<string, string>> ResourceVersionsAsync(KubernetesCluster engine, string deployment)
    {
        var text = await Workloads.KubectlAsync("get", "configmap,secret,persistentvolumeclaim,statefulset,deployment,service,ingress,networkpolicy,poddisruptionbudget,job",
            "--namespace", engine.Namespace, "-l", $"{LabelNames.Instance}={deployment}",
            "-o", "jsonpath={range .items[*]}{.kind}/{.metadata.name}={.metadata.resourceVersion}{\"\\n\"}{end}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>The resource versions once the controllers are done writing the objects' status (two looks 2 s apart agree).</summary>
    public static async Task<Dictionary<string, string>> SettledResourceVersionsAsync(KubernetesCluster engine, string deployment)
    {
        Dictionary<string, string>? last = null;
        var settled = new Wait("the deployment's objects to settle", TimeSpan.FromMinutes(1)) { Interval = TimeSpan.FromSeconds(2) };
        return await settled.UntilAsync<Dictionary<string, string>>(async _ =>
        {
            var now = await ResourceVersionsAsync(engine, deployment);
            var same = last is not null && last.Count == now.Count && !last.Except(now).Any();
            last = now;
            return same ? Seen.Done(now) : Seen.NotYet("still changing");
        }, CancellationToken.None);
    }

    internal static void AssertUnmoved(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var moved = before.Keys.Union(after.Keys).Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k}: {before.GetValueOrDefault(k) ?? "(none)"} -> {after.GetValueOrDefault(k) ?? "(none)"}").ToList();
        Assert.True(moved.Count == 0, "Objects changed by a deploy that had nothing to change:\n" + string.Join("\n", moved));
    }

    static async Task<Dictionary<string, string>> PodsAsync(KubernetesCluster engine, string service)
    {
        var pods = await engine.Client.CoreV1.ListNamespacedPodAsync(engine.Namespace, labelSelector: $"{LabelNames.Name}={service},{LabelNames.Component}=server");
        return pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).ToDictionary(p => p.Metadata.Name, p => p.Metadata.Uid);
    }

    [Fact]
    public async Task A_second_deploy_moves_no_resource_version()
    {
        var (engine, deployment) = await DeployAsync();
        var before = await SettledResourceVersionsAsync(engine, deployment.Name);

        await PlatformRollout.DeployAsync(engine, deployment, Deadline, CancellationToken.None);

        Assert.Contains(before.Keys, k => k.StartsWith("StatefulSet/"));
        AssertUnmoved(before, await ResourceVersionsAsync(engine, deployment.Name));
    }

    [Fact]
    public async Task An_environment_change_replaces_only_the_pods_of_that_service()
    {
        var (engine, deployment) = await DeployAsync();
        var store = await PodsAsync(engine, "store");
        var app = await PodsAsync(engine, "app");

        var platform = deployment.Platform with
        {
            Services = deployment.Platform.Services.Select(s => s.Name == "app" ? s with { Env = new Dictionary<string, string>(s.Env) { ["GREETING"] = "hello" } } : s).ToList(),
        };
        var result = await PlatformRollout.DeployAsync(engine, deployment with { Platform = platform }, Deadline, CancellationToken.None);

        output.WriteLine($"replaced: {string.Join(", ", result.Replaced)}");
        Assert.Equal(store, await PodsAsync(engine, "store"));
        var after = await PodsAsync(engine, "app");
        Assert.Equal(2, after.Count);
        Assert.Empty(after.Values.Intersect(app.Values));
    }

    [Fact]
    public async Task What_the_platform_no_longer_renders_is_pruned_and_claims_are_kept()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var app = platform.Services.Single(s => s.Name == "app");
        var withExtra = platform with { Services = [.. platform.Services, app with { Name = "extra", Replicas = 1, Public = null, Volumes = [], Probes = new ProbeSet(null, null, null) }] };
        var (engine, deployment) = await DeployAsync(withExtra);
        Assert.Single(await PodsAsync(engine, "extra"));

        var result = await PlatformRollout.DeployAsync(engine, deployment with { Platform = platform }, Deadline, CancellationToken.None);

        Assert.Contains("deployment/extra", result.Removed);
        Assert.Contains("service/extra", result.Removed);
        Assert.DoesNotContain(result.Removed, r => r.StartsWith("persistentvolumeclaim/"));
        var claims = await engine.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(engine.Namespace);
        Assert.Equal(["app-data", "store-data"], claims.Items.Select(c => c.Metadata.Name).Order());
    }

    [Fact]
    public async Task An_object_the_API_rejects_is_reported_with_the_APIs_message_naming_object_and_field()
    {
        using var engine = await TestEngine.ConnectAsync();
        var store = new ObjectStore((k8s.Kubernetes)engine.Client);
        var broken = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "broken", NamespaceProperty = "default" },
            Spec = new V1DeploymentSpec
            {
                Replicas = -1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "broken" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "broken" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "x" }] },
                },
            },
        };

        var failure = await Assert.ThrowsAsync<KubernetesApiError>(() => store.ApplyAsync(broken, CancellationToken.None));

        output.WriteLine(failure.Message);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.Status);
        Assert.Contains("Deployment default/broken", failure.Message);
        Assert.Contains("spec.replicas", failure.Message);
    }

    [Fact]
    public async Task A_failed_rollout_goes_back_to_the_previous_revision_with_rollback_on_failure()
    {
        var image = await StandIn.ImageAsync();
        var (engine, deployment) = await DeployAsync(rollbackOnFailure: true);
        var broken = deployment with { Platform = StandIn.Platform(image, appArgs: "echo this release is broken; exit 4") };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => PlatformRollout.DeployAsync(engine, broken, TimeSpan.FromSeconds(25), CancellationToken.None));

        output.WriteLine(failure.Message);
        Assert.Contains("back to revision", failure.Message);
        var app = await engine.Client.AppsV1.ReadNamespacedDeploymentAsync("app", engine.Namespace);
        Assert.DoesNotContain(app.Spec.Template.Spec.Containers[0].Args, a => a.Contains("broken"));
        await engine.WaitReadyAsync(deployment, ["app"], Deadline, CancellationToken.None);
    }

    [Fact]
    public async Task An_image_that_does_not_exist_is_diagnosed_as_such()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var missing = platform with
        {
            // No volume: the pod is scheduled at once and reaches the image pull, whatever the cluster's storage is doing.
            Services = platform.Services.Select(s => s.Name == "store" ? s with { Image = s.Image with { Reference = "mooc-test/no-such-image:1" }, Volumes = [] } : s).ToList(),
        };
        var engine = await TestEngine.ConnectAsync();
        var deployment = await StandIn.DeploymentAsync(engine, missing);
        _deployed.Add((engine, deployment));

        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(() => PlatformRollout.DeployAsync(engine, deployment, TimeSpan.FromSeconds(30), CancellationToken.None));

        output.WriteLine(failure.Message);
        Assert.Contains("mooc-test/no-such-image:1", failure.Message);
        Assert.Matches("ErrImagePull|ImagePullBackOff", failure.Message);
        // The engine's own diagnosis (Status, a failed smoke test) finds the same pod by the deployment's labels.
        var diagnosis = Assert.Single(await engine.DiagnoseAsync(deployment, "store", CancellationToken.None));
        Assert.Matches("ErrImagePull|ImagePullBackOff", diagnosis.Reason);
    }

    [Fact]
    public async Task A_step_whose_pod_cannot_be_scheduled_says_why_while_it_waits_and_when_it_fails()
    {
        var platform = StandIn.Platform(await StandIn.ImageAsync());
        var unfit = platform with
        {
            // More cpu than the node has, and no volume: nothing but the cpu request keeps the step's pod Pending.
            Services = platform.Services.Select(s => s.Name == "app" ? s with { Resources = new ResourceSpec(new ResourceAmounts("64", null), ResourceAmounts.None), Volumes = [] } : s).ToList(),
        };
        var engine = await TestEngine.ConnectAsync();
        var deployment = await StandIn.DeploymentAsync(engine, unfit);
        _deployed.Add((engine, deployment));

        InvalidOperationException? failure = null;
        var printed = await Printed.ByAsync(async () => failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Migrations.RunAsync(engine, deployment, TimeSpan.FromSeconds(15), force: false, CancellationToken.None)));

        output.WriteLine(printed);
        output.WriteLine(failure!.Message);
        // Shown once while the step waits, not on every look.
        Assert.Single(Regex.Matches(printed, @"Job migrate-\S+: pod Pending, Unschedulable: .*Insufficient cpu"));
        Assert.Matches(@"reason: Unschedulable: .*Insufficient cpu\. Lower the service's resources\.requests", failure.Message);
        Assert.Contains("FailedScheduling", failure.Message);
        // Not left to start later, when the node has room, after the run has reported the step failed.
        Assert.Contains("never started its pod: deleted", printed);
        var jobs = await engine.Client.BatchV1.ListNamespacedJobAsync(engine.Namespace, labelSelector: $"{LabelNames.Instance}={deployment.Name}");
        Assert.Empty(jobs.Items.Where(j => j.Metadata.DeletionTimestamp is null));
    }
}
