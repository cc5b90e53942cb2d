using k8s;
using k8s.Models;

namespace Cluster.Tests.Rollout;

/// <summary>
/// A namespace of the test's own (deleted afterwards) and server-side apply into it under the
/// pipeline's field manager, as the cluster engine applies.
/// </summary>
public sealed class RolloutNamespace : IAsyncDisposable
{
    public const string PipelineFieldManager = "mooc-build";

    public Kubernetes Client { get; } = DryRunApply.Connect();
    public string Name { get; } = "ro-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<RolloutNamespace> CreateAsync()
    {
        var created = new RolloutNamespace();
        await created.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = created.Name } });
        return created;
    }

    public async Task ApplyAsync(string yaml)
    {
        foreach (var item in KubernetesYaml.LoadAllFromString(yaml))
        {
            var patch = new V1Patch(item, V1Patch.PatchType.ApplyPatch);
            _ = item switch
            {
                V1Deployment d => (object)await Client.AppsV1.PatchNamespacedDeploymentAsync(patch, d.Metadata.Name, Name, fieldManager: PipelineFieldManager, force: true),
                V1Job j => await Client.BatchV1.PatchNamespacedJobAsync(patch, j.Metadata.Name, Name, fieldManager: PipelineFieldManager, force: true),
                _ => throw new ArgumentException($"The rollout tests apply Deployments and Jobs, not {item.GetType().Name}."),
            };
        }
    }

    /// <summary>Waits, through a watch, until a pod with the label app=<paramref name="app"/> is in the state <paramref name="state"/> describes.</summary>
    public async Task<V1Pod> PodAsync(string app, Func<V1Pod, bool> state, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await foreach (var (_, pod) in Client.CoreV1.WatchListNamespacedPodAsync(Name, labelSelector: $"app={app}", cancellationToken: cancel.Token))
            if (state(pod)) return pod;
        throw new InvalidOperationException($"The watch of pods app={app} ended before one was in the state waited for.");
    }

    /// <summary>A Deployment of <paramref name="replicas"/> pods, each one container described by <paramref name="container"/> (YAML under "- name: main").</summary>
    public static string Deployment(string name, string container, int replicas = 1, int? progressDeadlineSeconds = null) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          {{(progressDeadlineSeconds is { } seconds ? $"progressDeadlineSeconds: {seconds}" : "")}}
          selector:
            matchLabels:
              app: {{name}}
          template:
            metadata:
              labels:
                app: {{name}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
        {{Indent(container, 8)}}
        """;

    /// <summary>A Job of one pod that is not retried, its container described by <paramref name="container"/>.</summary>
    public static string Job(string name, string container) => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{name}}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
        {{Indent(container, 8)}}
        """;

    static string Indent(string yaml, int spaces) =>
        string.Join('\n', yaml.Trim('\n').Split('\n').Select(line => new string(' ', spaces) + line.TrimStart()));

    public async ValueTask DisposeAsync()
    {
        await Client.CoreV1.DeleteNamespaceAsync(Name);
        Client.Dispose();
    }
}
