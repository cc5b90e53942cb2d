using Mooc.TestCluster;

namespace Cluster.Tests;

/// <summary>
/// Objects the tests put on the cluster, each in a namespace of its own that is deleted
/// afterwards; and kubectl for them.
/// </summary>
public sealed class Workloads(string memcachedImage) : IAsyncDisposable
{
    public string Namespace { get; } = "cluster-test-" + Guid.NewGuid().ToString("N")[..8];

    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static Task<string> KubectlAsync(params string[] arguments) => TestCluster.KubectlAsync(arguments, CancellationToken.None);

    public Task<string> InNamespaceAsync(params string[] arguments) => KubectlAsync(["--namespace", Namespace, .. arguments]);

    /// <param name="options">Options of kubectl apply, e.g. --server-side.</param>
    public async Task ApplyAsync(string yaml, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Namespace}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        try { await InNamespaceAsync(["apply", .. options, "-f", file]); }
        finally { File.Delete(file); }
    }

    /// <summary>memcached from the platform's image, never pulled (there is no registry), ready once it accepts connections; with a Service in front.</summary>
    public async Task DeployMemcachedAsync(string name)
    {
        await KubectlAsync("create", "namespace", Namespace);
        await ApplyAsync($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: {{name}}
              template:
                metadata:
                  labels:
                    app: {{name}}
                spec:
                  containers:
                  - name: memcached
                    image: {{memcachedImage}}
                    imagePullPolicy: Never
                    ports: [{containerPort: 11211}]
                    readinessProbe: {tcpSocket: {port: 11211}, periodSeconds: 1}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: {{name}}
            spec:
              selector:
                app: {{name}}
              ports: [{port: 11211, targetPort: 11211}]
            """);
        await RolloutAsync(name);
    }

    public Task RolloutAsync(string deployment) =>
        InNamespaceAsync("rollout", "status", "deployment/" + deployment, $"--timeout={(int)Deadline.TotalSeconds}s");

    /// <summary>Waits until a run-once pod has finished and returns its phase.</summary>
    public Task<string> FinishedPhaseAsync(string pod) => PhaseAsync("pod/" + pod, "Succeeded", "Failed");

    /// <summary>Waits until the object's (kind/name, e.g. pvc/data) status.phase is one of <paramref name="phases"/> and returns it.</summary>
    public async Task<string> PhaseAsync(string obj, params string[] phases)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (true)
        {
            var phase = await InNamespaceAsync("get", obj, "-o", "jsonpath={.status.phase}");
            if (phases.Contains(phase)) return phase;
            await Task.Delay(500, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync() =>
        await KubectlAsync("delete", "namespace", Namespace, "--wait=false", "--ignore-not-found");
}
