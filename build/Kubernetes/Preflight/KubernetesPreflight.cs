using System.Net.Http;
using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Manifests;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether a Kubernetes cluster can take the platform before anything is applied: the API answers
/// and runs a supported release; then, at once, the credentials' access, the nodes' capacity,
/// storage, ingress, cluster DNS and the images. Checks run against what the renderer would apply.
/// The only thing it may leave is the deployment's namespace, which the deploy makes anyway.
/// </summary>
/// <param name="client">The API client; default: one for <see cref="KubernetesOptions.Context"/>.</param>
public sealed class KubernetesPreflight(KubernetesOptions options, IKubernetes? client = null) : IPreflight
{
    static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The Service name the DNS pod resolves: the API server's, which every cluster has.</summary>
    public string ServiceName { get; init; } = "kubernetes.default.svc.cluster.local";

    /// <summary>The outside name resolved when the request asks for egress.</summary>
    public string OutsideName { get; init; } = "deb.debian.org";

    public string Description => $"Kubernetes context {options.Context}, namespace {options.Namespace}";

    public async Task<IReadOnlyList<PreflightCheck>> CheckAsync(PreflightRequest request, CancellationToken ct)
    {
        using var owned = client is null ? new k8s.Kubernetes(KubeConfig.ConfigurationFor(options.Context)) : null;
        var api = client ?? owned!;
        ServerInfo server;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ApiTimeout);
            server = await ServerInfo.DiscoverAsync(api, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException && !ct.IsCancellationRequested)
        {
            return [PreflightCheck.Failed("API answers", $"the API server of context {options.Context} at {api.BaseUri} does not answer ({(e is HttpRequestException ? e.Message : $"no answer within {ApiTimeout.TotalSeconds:0} s")})",
                "Is the cluster running, and this machine allowed to reach it? 'kubectl --context " + options.Context + " cluster-info' tells. (The test cluster: ./build.sh ClusterUp.)")];
        }
        var version = VersionCheck.Of(server);
        var nodes = (await api.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.ToList();
        StaticVolumes? staticVolumes = null;
        string? staticProblem = null;
        try
        {
            staticVolumes = StaticVolumes.For(options.Volumes, options.VolumeRoot, options.VolumeNode, nodes.Select(n => n.Metadata.Name).ToList());
        }
        catch (BuildException e)
        {
            staticProblem = e.Message;
        }
        var rendered = KubernetesCluster.Render(request.Platform, request.Deployment, request.Images, options,
            RenderOptions.DisruptionBudgetApiVersionServedBy(server.GroupVersions), staticVolumes);
        var images = request.ServiceImages();
        var dnsImage = images.FirstOrDefault(image => ImagesCheck.Run([image], nodes, usesRegistry: false).Result == CheckResult.Passed) ?? images.FirstOrDefault();
        var checks = await Task.WhenAll(
            AccessCheck.RunAsync(api, options.Context, AccessCheck.Needed(rendered, options.Namespace, options.PublicUrl is null), ct),
            CapacityAsync(api, rendered, nodes, request.Deployment, ct),
            StorageCheck.RunAsync(api, options, rendered, staticProblem, ct),
            IngressCheck.RunAsync(api, options, rendered, ct),
            dnsImage is null
                ? Task.FromResult(PreflightCheck.Warned("cluster DNS", "not checked: the platform has no image to run the check on", "None."))
                : DnsCheck.RunAsync(api, options.Namespace, request.Deployment, dnsImage, request.CheckEgress ? [ServiceName, OutsideName] : [ServiceName], ct));
        return
        [
            PreflightCheck.Passed("API answers", $"{api.BaseUri}"),
            version,
            .. checks,
            ImagesCheck.Run(images, nodes, options.UsesRegistry),
        ];
    }

    /// <summary>What other pods request counts only when the credentials may list them cluster-wide.</summary>
    static async Task<PreflightCheck> CapacityAsync(IKubernetes api, IReadOnlyList<RenderedObject> rendered, IReadOnlyList<V1Node> nodes, string deployment, CancellationToken ct)
    {
        IReadOnlyList<V1Pod> others;
        try
        {
            others = (await api.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: ct)).Items
                .Where(p => p.Metadata.Labels?.TryGetValue(LabelNames.Instance, out var instance) != true || instance != deployment).ToList();
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            others = [];
        }
        return CapacityCheck.Run(rendered, nodes, others);
    }
}
