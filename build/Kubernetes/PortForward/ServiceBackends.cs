using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Mooc.Kubernetes;

/// <summary>A pod a connection goes to and the container port the Service's port leads to on it.</summary>
internal sealed record Backend(string Pod, int Port);

/// <summary>
/// Where a Service's port leads, as <c>kubectl port-forward service/NAME</c> resolves it: the
/// Service's selector picks the pods, its targetPort (a number, or a container port's name) the
/// port on them. Pods are looked up again for every connection, so a replaced replica is never
/// chosen once it is terminating, and connections take turns among the Ready pods as the Service
/// would spread them.
/// </summary>
internal sealed class ServiceBackends
{
    readonly IKubernetes _client;
    readonly V1ServicePort _port;
    readonly string _selector;
    int _turn = -1;

    ServiceBackends(IKubernetes client, string @namespace, string service, V1ServicePort port, string selector)
    {
        _client = client;
        Namespace = @namespace;
        Service = service;
        _port = port;
        _selector = selector;
    }

    public string Namespace { get; }
    public string Service { get; }
    public int ServicePort => _port.Port;

    /// <summary>The Service and its port; fails naming what is missing.</summary>
    public static async Task<ServiceBackends> ReadAsync(IKubernetes client, string @namespace, string service, int servicePort, CancellationToken ct)
    {
        V1Service found;
        try
        {
            found = await client.CoreV1.ReadNamespacedServiceAsync(service, @namespace, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
            throw new PortForwardException($"service/{service} does not exist in namespace {@namespace}: there is nothing to forward to.");
        }
        var ports = found.Spec.Ports ?? [];
        var port = ports.FirstOrDefault(p => p.Port == servicePort)
            ?? throw new PortForwardException($"service/{service} in namespace {@namespace} has no port {servicePort}; its ports: {(ports.Count == 0 ? "none" : string.Join(", ", ports.Select(p => p.Port)))}.");
        if (port.Protocol is { } protocol && protocol != "TCP")
            throw new PortForwardException($"service/{service} port {servicePort} is {protocol}; a port-forward carries TCP only.");
        if (found.Spec.Selector is not { Count: > 0 } selector)
            throw new PortForwardException($"service/{service} in namespace {@namespace} has no selector, so no pods: a port-forward reaches pods, not endpoints set by hand.");
        return new ServiceBackends(client, @namespace, service, port, string.Join(",", selector.Select(l => $"{l.Key}={l.Value}")));
    }

    /// <summary>The next Ready pod, leaving out <paramref name="avoid"/> (pods that just failed); fails listing the pods selected and their states when none is Ready.</summary>
    public async Task<Backend> NextAsync(IReadOnlyCollection<string> avoid, CancellationToken ct)
    {
        var pods = (await _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: _selector, cancellationToken: ct)).Items;
        var ready = pods.Where(PodReadiness.IsReady).Where(p => !avoid.Contains(p.Metadata.Name)).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        if (ready.Count == 0)
            throw new PortForwardException(
                $"service/{Service} in namespace {Namespace} has no Ready pod to forward to (selector {_selector}; pods: "
                + (pods.Count == 0 ? "none" : string.Join("; ", pods.Select(p => $"{p.Metadata.Name} {State(p)}"))) + ").");
        var pod = ready[(int)((uint)Interlocked.Increment(ref _turn) % ready.Count)];
        return new Backend(pod.Metadata.Name, ContainerPort(pod));
    }

    int ContainerPort(V1Pod pod)
    {
        var target = _port.TargetPort?.Value;
        if (string.IsNullOrEmpty(target)) return _port.Port;
        if (int.TryParse(target, out var number)) return number;
        return pod.Spec.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == target)?.ContainerPort
            ?? throw new PortForwardException($"pod {pod.Metadata.Name} has no container port named '{target}', which service/{Service} port {ServicePort} targets.");
    }

    static string State(V1Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null) return "(terminating)";
        var waiting = pod.Status?.ContainerStatuses?.Select(c => c.State?.Waiting?.Reason).FirstOrDefault(r => r is not null);
        var notReady = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready" && c.Status != "True");
        return $"({pod.Status?.Phase ?? "no status"}"
            + (waiting is not null ? $", {waiting}" : "")
            + (notReady is not null ? ", not ready" + (notReady.Reason is { } reason ? $": {reason}" : "") : "")
            + ")";
    }
}
