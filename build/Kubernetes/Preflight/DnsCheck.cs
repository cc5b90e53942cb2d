using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>
/// Whether a pod resolves names through the cluster's DNS: a Service name (every service of the
/// platform finds the others so), and, when asked, a name outside the cluster (the report's pods
/// had no internet because of the cluster's DNS). One short-lived pod in the deployment's
/// namespace, on one of the platform's own images, deleted afterwards.
/// </summary>
public static class DnsCheck
{
    const string Name = "cluster DNS";
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <param name="names">The names to resolve; the first is the Service name, the others outside ones.</param>
    public static async Task<PreflightCheck> RunAsync(IKubernetes client, string @namespace, string deployment, string image, IReadOnlyList<string> names, CancellationToken ct)
    {
        await Namespaces.EnsureAsync(client, @namespace, deployment, ct);
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                GenerateName = "preflight-dns-",
                Labels = new Dictionary<string, string> { [LabelNames.ManagedBy] = LabelNames.ManagedByValue, [LabelNames.Instance] = deployment, [LabelNames.Component] = "preflight" },
            },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                ActiveDeadlineSeconds = (long)Deadline.TotalSeconds,
                AutomountServiceAccountToken = false,
                TerminationGracePeriodSeconds = 0,
                Containers =
                [
                    new V1Container
                    {
                        Name = "resolve",
                        Image = image,
                        ImagePullPolicy = "IfNotPresent",
                        Command = ["sh", "-c", "for n in \"$@\"; do if getent hosts \"$n\" >/dev/null; then echo \"resolved $n\"; else echo \"unresolved $n\"; fi; done", "sh", .. names],
                    },
                ],
            },
        };
        var created = await CreateAsync(client, pod, @namespace, ct);
        try
        {
            var wait = new Wait($"the DNS check's pod {created.Metadata.Name} to finish", Deadline) { Interval = TimeSpan.FromMilliseconds(250) };
            var finished = await wait.UntilAsync<V1Pod>(async token =>
            {
                var current = await client.CoreV1.ReadNamespacedPodAsync(created.Metadata.Name, @namespace, cancellationToken: token);
                return current.Status?.Phase is "Succeeded" or "Failed" ? Seen.Done(current) : Seen.NotYet(Waiting(current) ?? current.Status?.Phase ?? "created");
            }, ct);
            var log = await ReadLogAsync(client, created.Metadata.Name, @namespace, ct);
            var lines = log.Split('\n');
            var unresolved = names.Where(n => !lines.Contains("resolved " + n)).ToList();
            if (unresolved.Count == 0) return PreflightCheck.Passed(Name, $"a pod resolved {string.Join(" and ", names)}");
            var service = unresolved.Contains(names[0]);
            return PreflightCheck.Failed(Name,
                $"a pod on {image} did not resolve {string.Join(" or ", unresolved)}" + (finished.Status.Phase == "Failed" && log.Length == 0 ? $" (the pod failed: {finished.Status.Reason ?? finished.Status.Message})" : ""),
                service
                    ? "The cluster DNS (CoreDNS) does not answer: kubectl -n kube-system get pods,svc -l k8s-app=kube-dns; its pods must run and the kubelet's clusterDNS must be its Service's address. On kubeadm, a pod network (CNI) must be installed before CoreDNS runs."
                    : "Pods reach no outside name: CoreDNS forwards to the node's /etc/resolv.conf (with systemd-resolved, 127.0.0.53 cannot work from pods: point the kubelet's resolvConf at /run/systemd/resolve/resolv.conf), and the nodes need a route out (NAT).");
        }
        catch (WaitTimeoutException)
        {
            var current = await client.CoreV1.ReadNamespacedPodAsync(created.Metadata.Name, @namespace, cancellationToken: ct);
            return PreflightCheck.Failed(Name, $"the DNS check's pod did not finish within {Deadline.TotalSeconds:0} s ({Waiting(current) ?? current.Status?.Phase})",
                $"kubectl -n {@namespace} describe pod {created.Metadata.Name} says why (an image the node cannot pull, no node to schedule on).");
        }
        finally
        {
            await client.CoreV1.DeleteNamespacedPodAsync(created.Metadata.Name, @namespace, gracePeriodSeconds: 0, cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>A new namespace's default ServiceAccount comes a moment after it; pods are refused until then.</summary>
    static async Task<V1Pod> CreateAsync(IKubernetes client, V1Pod pod, string @namespace, CancellationToken ct)
    {
        var wait = new Wait($"namespace {@namespace} to accept pods", TimeSpan.FromSeconds(20));
        return await wait.UntilAsync<V1Pod>(async token =>
        {
            try
            {
                return Seen.Done(await client.CoreV1.CreateNamespacedPodAsync(pod, @namespace, cancellationToken: token));
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Forbidden) && e.Response.Content.Contains("serviceaccount", StringComparison.OrdinalIgnoreCase))
            {
                return Seen.NotYet("its default ServiceAccount is not there yet");
            }
        }, ct);
    }

    static string? Waiting(V1Pod pod) => pod.Status?.ContainerStatuses?.Select(s => s.State?.Waiting).FirstOrDefault(w => w is not null) is { } w
        ? $"{w.Reason}: {w.Message}"
        : null;

    static async Task<string> ReadLogAsync(IKubernetes client, string pod, string @namespace, CancellationToken ct)
    {
        await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, @namespace, cancellationToken: ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }
}
