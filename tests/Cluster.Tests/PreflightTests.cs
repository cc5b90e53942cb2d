using System.Net.Http;
using k8s;
using k8s.Models;
using Mooc.Kubernetes;
using Mooc.Kubernetes.Preflight;
using Mooc.Manifests;
using Mooc.Platform.Cluster.Preflight;
using Mooc.Platform.Model;
using Mooc.Tests.Shared;

namespace Cluster.Tests;

/// <summary>
/// Each Preflight check on the test cluster, passing and failing. The cluster is shared, so no
/// cluster-wide object others rely on is changed: the failing cases come from the checks' inputs
/// (a platform too big for the node, an image that is not there, a Service name that does not
/// exist, a user with no rights, a storage or ingress class of a name the test makes and deletes).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class PreflightTests : IClassFixture<ClusterFixture>, IClassFixture<PreflightTests.Fixture>
{
    readonly Fixture shared;

    /// <param name="cluster">Starts the test cluster when it is not running.</param>
    public PreflightTests(ClusterFixture cluster, Fixture shared) => this.shared = shared;

    /// <summary>The stand-in image, the cluster's nodes and a namespace of the class's own (deleted afterwards).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public string Image { get; private set; } = "";
        public string Namespace { get; } = "pf-" + StandIn.NewName();
        public k8s.Kubernetes Client { get; } = new(KubeConfig.ConfigurationFor(TestEngine.Context));
        public IReadOnlyList<V1Node> Nodes { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Image = await StandIn.ImageAsync();
            Nodes = (await Client.CoreV1.ListNodeAsync()).Items.ToList();
        }

        public async Task DisposeAsync()
        {
            await Workloads.KubectlAsync("delete", "namespace", Namespace, "--ignore-not-found", "--wait=false");
            Client.Dispose();
        }
    }

    KubernetesOptions Options(VolumeMode volumes = VolumeMode.Static, string? storageClass = null, string? ingressClass = null) =>
        TestEngine.Options(shared.Namespace) with { Volumes = volumes, StorageClass = storageClass, IngressClass = ingressClass };

    PreflightRequest Request(PlatformDefinition? platform = null) => new("standin", platform ?? StandIn.Platform(shared.Image), new Dictionary<string, string>());

    IReadOnlyList<RenderedObject> Rendered(PlatformDefinition platform) => KubernetesCluster.Render(platform, "standin", new Dictionary<string, string>(), Options(), "policy/v1beta1", null);

    static PreflightCheck Named(IReadOnlyList<PreflightCheck> checks, string name) => Assert.Single(checks, c => c.Name == name);

    [Fact]
    public async Task Every_check_passes_for_the_stand_in_on_static_volumes_and_the_node_resolves_the_api_servers_service()
    {
        var checks = await new KubernetesPreflight(Options()).CheckAsync(Request(), CancellationToken.None);

        foreach (var name in new[] { "API answers", "server version", "access (RBAC)", "storage", "cluster DNS", "images" })
            Assert.Equal(CheckResult.Passed, Named(checks, name).Result);
        Assert.NotEqual(CheckResult.Failed, Named(checks, "nodes and capacity").Result);
        Assert.Contains("kubernetes.default.svc.cluster.local", Named(checks, "cluster DNS").Detail);
        Assert.Empty(await Workloads.KubectlAsync("get", "pods", "-n", shared.Namespace, "-l", "app.kubernetes.io/component=preflight", "-o", "name"));
    }

    [Fact]
    public async Task An_api_server_that_does_not_answer_is_the_only_check()
    {
        using var nowhere = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = $"https://127.0.0.1:{FreePort.Next()}", SkipTlsVerify = true });

        var checks = await new KubernetesPreflight(Options(), nowhere).CheckAsync(Request(), CancellationToken.None);

        var api = Assert.Single(checks);
        Assert.Equal(("API answers", CheckResult.Failed), (api.Name, api.Result));
        Assert.Contains("cluster-info", api.Fix);
    }

    [Fact]
    public void A_server_older_than_the_oldest_supported_fails_naming_its_version()
    {
        var check = VersionCheck.Of(new ServerInfo("v1.19.4", 1, 19, new HashSet<string>()));

        Assert.Equal(CheckResult.Failed, check.Result);
        Assert.Contains("v1.19.4", check.Detail);
    }

    [Fact]
    public void A_platform_whose_requests_exceed_the_node_fails_saying_what_does_not_fit()
    {
        var platform = StandIn.Platform(shared.Image);
        platform = platform with
        {
            Services = platform.Services.Select(s => s.Name == "store" ? s with { Resources = s.Resources with { Requests = new ResourceAmounts("64", "1Ti") } } : s).ToList(),
        };

        var tooBig = CapacityCheck.Run(Rendered(platform), shared.Nodes, []);
        var fits = CapacityCheck.Run(Rendered(StandIn.Platform(shared.Image)), shared.Nodes, []);

        Assert.Equal(CheckResult.Failed, tooBig.Result);
        Assert.Contains("CPU and ", tooBig.Detail);
        Assert.Contains("no node is large enough for: store (64 CPU", tooBig.Detail);
        Assert.Equal(CheckResult.Passed, fits.Result);
    }

    [Fact]
    public void An_image_that_is_on_no_node_fails_unless_a_registry_is_given()
    {
        var missing = shared.Image.Split(':')[0] + ":not-built";

        var check = ImagesCheck.Run([shared.Image, missing], shared.Nodes, usesRegistry: false);

        Assert.Equal(CheckResult.Failed, check.Result);
        Assert.Contains(missing, check.Detail);
        Assert.DoesNotContain(shared.Image + ",", check.Detail);
        Assert.Contains("--registry", check.Fix);
        Assert.Equal(CheckResult.Passed, ImagesCheck.Run([missing], shared.Nodes, usesRegistry: true).Result);
    }

    [Fact]
    public async Task A_service_name_the_cluster_dns_does_not_know_fails()
    {
        var check = await DnsCheck.RunAsync(shared.Client, shared.Namespace, "standin", shared.Image, ["pf-no-such-service.default.svc.cluster.local"], CancellationToken.None);

        Assert.Equal(CheckResult.Failed, check.Result);
        Assert.Contains("did not resolve pf-no-such-service.default.svc.cluster.local", check.Detail);
        Assert.Contains("CoreDNS", check.Fix);
    }

    [Fact]
    public async Task A_user_without_rights_is_denied_what_the_deploy_needs_and_a_role_grants_part_of_it()
    {
        var user = "pf-user-" + StandIn.NewName();
        await Namespaces.EnsureAsync(shared.Client, shared.Namespace, "standin", CancellationToken.None);
        await Workloads.KubectlAsync("-n", shared.Namespace, "create", "role", user, "--verb=get,list,watch,create,delete", "--resource=pods");
        await Workloads.KubectlAsync("-n", shared.Namespace, "create", "rolebinding", user, "--role=" + user, "--user=" + user);
        using var asUser = new k8s.Kubernetes(KubeConfig.ConfigurationFor(TestEngine.Context), new Impersonate(user));
        var needed = AccessCheck.Needed(Rendered(StandIn.Platform(shared.Image)), shared.Namespace, portForward: true);

        var check = await AccessCheck.RunAsync(asUser, TestEngine.Context, needed, CancellationToken.None);

        Assert.Equal(CheckResult.Failed, check.Result);
        Assert.Contains("create statefulsets.apps", check.Detail);
        Assert.Contains("create persistentvolumeclaims", check.Detail);
        Assert.Contains("create pods/portforward", check.Detail);
        Assert.DoesNotMatch("(: |, )list pods(,|$)", check.Detail);
    }

    [Fact]
    public async Task A_storage_class_that_is_not_there_fails_with_both_ways_out_and_passes_once_made()
    {
        var name = "pf-" + StandIn.NewName();
        var rendered = Rendered(StandIn.Platform(shared.Image));

        var missing = await StorageCheck.RunAsync(shared.Client, Options(VolumeMode.Provisioned, storageClass: name), rendered, null, CancellationToken.None);
        await shared.Client.StorageV1.CreateStorageClassAsync(new V1StorageClass { Metadata = new V1ObjectMeta { Name = name }, Provisioner = "kubernetes.io/no-provisioner" });
        try
        {
            var made = await StorageCheck.RunAsync(shared.Client, Options(VolumeMode.Provisioned, storageClass: name), rendered, null, CancellationToken.None);

            Assert.Equal(CheckResult.Failed, missing.Result);
            Assert.Contains("--volumes static", missing.Fix);
            Assert.Contains("is-default-class", missing.Fix);
            Assert.Equal(CheckResult.Passed, made.Result);
        }
        finally
        {
            await shared.Client.StorageV1.DeleteStorageClassAsync(name);
        }
    }

    [Fact]
    public async Task An_ingress_class_that_is_not_there_fails_passes_once_made_and_a_public_url_needs_none()
    {
        var name = "pf-" + StandIn.NewName();
        var rendered = Rendered(StandIn.Platform(shared.Image));

        var missing = await IngressCheck.RunAsync(shared.Client, Options(ingressClass: name), rendered, CancellationToken.None);
        var publicUrl = await IngressCheck.RunAsync(shared.Client, Options(ingressClass: name) with { PublicUrl = new Uri("http://mooc.example/") }, rendered, CancellationToken.None);
        await shared.Client.NetworkingV1.CreateIngressClassAsync(new V1IngressClass { Metadata = new V1ObjectMeta { Name = name }, Spec = new V1IngressClassSpec { Controller = "example.org/pf-test" } });
        try
        {
            var made = await IngressCheck.RunAsync(shared.Client, Options(ingressClass: name), rendered, CancellationToken.None);

            Assert.Equal(CheckResult.Failed, missing.Result);
            Assert.Equal(CheckResult.Passed, publicUrl.Result);
            Assert.Equal(CheckResult.Passed, made.Result);
        }
        finally
        {
            await shared.Client.NetworkingV1.DeleteIngressClassAsync(name);
        }
    }

    /// <summary>Requests as another user (the test cluster's admin may impersonate), for what that user may do.</summary>
    sealed class Impersonate(string user) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("Impersonate-User", user);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
