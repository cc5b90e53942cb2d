using k8s;
using Mooc.Manifests;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether something serves the rendered Ingress. Without a controller the deploy still works (the
/// pipeline reaches the platform through a port-forward) but users cannot: a warning, unless an
/// ingress class was named and is missing.
/// </summary>
public static class IngressCheck
{
    const string Name = "ingress";
    const string DefaultAnnotation = "ingressclass.kubernetes.io/is-default-class";

    public static async Task<PreflightCheck> RunAsync(IKubernetes client, KubernetesOptions options, IReadOnlyList<RenderedObject> rendered, CancellationToken ct)
    {
        if (rendered.All(o => o.Kind != "Ingress")) return PreflightCheck.Passed(Name, "the platform renders no Ingress");
        if (options.PublicUrl is { } url) return PreflightCheck.Passed(Name, $"--public-url {url}: your ingress or load balancer");
        var classes = (await client.NetworkingV1.ListIngressClassAsync(cancellationToken: ct)).Items;
        var names = classes.Count == 0 ? "none" : string.Join(", ", classes.Select(c => $"{c.Metadata.Name} ({c.Spec.Controller})"));
        if (options.IngressClass is { } wanted)
            return classes.Any(c => c.Metadata.Name == wanted)
                ? PreflightCheck.Passed(Name, $"ingress class {wanted}")
                : PreflightCheck.Failed(Name, $"--ingress-class {wanted} does not exist (the cluster has: {names})", "Name an existing class, or install its controller.");
        if (classes.Count == 0)
            return PreflightCheck.Warned(Name, "no IngressClass: nothing serves the platform's Ingress; the pipeline's own checks reach it through a port-forward, users cannot",
                "Install an ingress controller (without a load balancer: ingress-nginx with hostNetwork, or its Service as a NodePort) and deploy with --public-url http://NODE:PORT/.");
        var byDefault = classes.FirstOrDefault(c => c.Metadata.Annotations?.TryGetValue(DefaultAnnotation, out var v) == true && v == "true");
        return byDefault is not null
            ? PreflightCheck.Passed(Name, $"default ingress class {byDefault.Metadata.Name}")
            : PreflightCheck.Warned(Name, $"no default IngressClass among {names}", "Name one with --ingress-class, or mark one default (ingressclass.kubernetes.io/is-default-class=true).");
    }
}
