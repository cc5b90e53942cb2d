using k8s;
using k8s.Models;
using Mooc.Platform.Cluster;

namespace Mooc.Kubernetes;

/// <summary>Runs a command in one of a service's pods through the API server's exec subresource.</summary>
public static class KubernetesExec
{
    public static async Task<int> RunAsync(k8s.Kubernetes client, string @namespace, ClusterDeployment deployment, ServiceExec exec, CancellationToken ct)
    {
        var pod = await FindPodAsync(client, @namespace, deployment, exec, ct);
        var command = WithBoundedInput(exec);
        // The API server refuses a terminal with a separate error stream: a terminal has one output.
        using var demuxer = await client.MuxedStreamNamespacedPodExecAsync(
            pod, @namespace, command, exec.Service,
            stderr: !exec.Tty, stdin: exec.Stdin is not null, stdout: true, tty: exec.Tty, cancellationToken: ct);
        using var stdout = demuxer.GetStream(ChannelIndex.StdOut, null);
        using var stderr = exec.Tty ? null : demuxer.GetStream(ChannelIndex.StdErr, null);
        using var status = demuxer.GetStream(ChannelIndex.Error, null);
        using var stdin = exec.Stdin is null ? null : demuxer.GetStream(null, ChannelIndex.StdIn);
        demuxer.Start();

        using var inputDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var input = stdin is null ? Task.CompletedTask : CopyQuietlyAsync(exec.Stdin!, stdin, inputDone.Token);
        var statusText = new StreamReader(status).ReadToEndAsync(ct);
        await Task.WhenAll(
            stdout.CopyToAsync(exec.Stdout ?? Stream.Null, ct),
            stderr?.CopyToAsync(exec.Stderr ?? Stream.Null, ct) ?? Task.CompletedTask);
        // The command has exited: input it did not read (an interactive user's next keys) goes nowhere.
        await inputDone.CancelAsync();
        await input;
        var json = await statusText;
        return string.IsNullOrWhiteSpace(json) ? 0 : k8s.Kubernetes.GetExitCodeOrThrow(KubernetesJson.Deserialize<V1Status>(json));
    }

    /// <summary>
    /// Kubernetes before 1.29 cannot tell a command that its input ended, so a command reading a
    /// file (a restore reading a dump) would wait forever: it reads exactly the file's length instead.
    /// </summary>
    static IReadOnlyList<string> WithBoundedInput(ServiceExec exec) =>
        exec.Stdin is { CanSeek: true } file
            ? ["sh", "-c", "head -c \"$0\" | \"$@\"", (file.Length - file.Position).ToString(), .. exec.Command]
            : exec.Command;

    static async Task CopyQuietlyAsync(Stream from, Stream to, CancellationToken ct)
    {
        try
        {
            await from.CopyToAsync(to, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    static async Task<string> FindPodAsync(k8s.Kubernetes client, string @namespace, ClusterDeployment deployment, ServiceExec exec, CancellationToken ct)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: DeploymentLabels.ServerPods(deployment.Platform.Name, deployment.Name, exec.Service), cancellationToken: ct);
        var running = pods.Items
            .Where(p => p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null)
            .Select(p => p.Metadata.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        return exec.Replica >= 1 && exec.Replica <= running.Count
            ? running[exec.Replica - 1]
            : throw new ReplicaNotRunningException(
                $"{exec.Service} has {running.Count} running pod(s) in namespace {@namespace} for deployment {deployment.Name}, so no replica {exec.Replica}: deploy first, or check the service's name");
    }
}
