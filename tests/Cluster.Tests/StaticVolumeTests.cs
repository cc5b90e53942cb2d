using k8s;
using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Cluster.Tests;

/// <summary>
/// --volumes static on a cluster with no provisioner (the test cluster has no StorageClass): the reference platform's
/// database claim, rendered with a PersistentVolume under a temporary root and applied as rendered, binds to that
/// volume; what a pod writes there is in the node's directory; deleting the claim leaves the volume and the data.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class StaticVolumeTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    const string Timeout = "--timeout=180s";

    [Fact]
    public async Task A_claim_binds_to_its_static_volume_keeps_what_a_pod_wrote_on_the_node_and_outlives_its_claim()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await using var root = new VolumeRoot(StaticVolumes.VolumeName(workloads.Namespace, "mysql-data"));
        var objects = ManifestRenderer.Render(PlatformLoader.LoadByName("reference"), new RenderOptions
        {
            Namespace = workloads.Namespace,
            StaticVolumes = new StaticVolumes(root.Path, await OnlyNodeAsync()),
        });

        // The objects exactly as rendered, in their apply order, as a user would apply them.
        var storage = objects.Where(o => o.Kind is "Namespace" or "PersistentVolume" or "PersistentVolumeClaim").OrderBy(o => o.FileName, StringComparer.Ordinal);
        await workloads.ApplyAsync(string.Join("---\n", storage.Select(o => o.ToYaml())), "--server-side", "--field-manager=sv-test");

        Assert.Equal("Bound", await workloads.PhaseAsync("pvc/mysql-data", "Bound"));
        Assert.Equal(root.Volume, await workloads.InNamespaceAsync("get", "pvc", "mysql-data", "-o", "jsonpath={.spec.volumeName}"));
        Assert.Equal("5Gi", await workloads.InNamespaceAsync("get", "pvc", "mysql-data", "-o", "jsonpath={.status.capacity.storage}"));

        var proof = $"written in {workloads.Namespace}";
        await workloads.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: writer
            spec:
              restartPolicy: Never
              # The kubelet makes the directory root's (hostPath): the writer runs as root to write into it.
              securityContext: {runAsUser: 0}
              containers:
              - name: writer
                image: {{cluster.MemcachedImage}}
                imagePullPolicy: Never
                command: ["sh", "-c", "echo '{{proof}}' > /data/proof.txt"]
                volumeMounts: [{name: data, mountPath: /data}]
              volumes:
              - name: data
                persistentVolumeClaim: {claimName: mysql-data}
            """);
        Assert.Equal("Succeeded", await workloads.FinishedPhaseAsync("writer"));
        var onNode = Path.Combine(root.Path, workloads.Namespace, "mysql-data", "proof.txt");
        Assert.Equal(proof + "\n", await File.ReadAllTextAsync(onNode));

        await workloads.InNamespaceAsync("delete", "pod", "writer", Timeout);
        await workloads.InNamespaceAsync("delete", "pvc", "mysql-data", Timeout);

        Assert.Equal("Released", await workloads.PhaseAsync($"pv/{root.Volume}", "Released"));
        using var client = DryRunApply.Connect();
        var volume = await client.CoreV1.ReadPersistentVolumeAsync(root.Volume);
        Assert.True(StaticVolumes.IsDataVolume(volume));
        Assert.Equal("Retain", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal(proof + "\n", await File.ReadAllTextAsync(onNode));
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("openedx")]
    public async Task Every_platforms_volumes_and_claims_pass_a_server_side_dry_run_apply(string platform)
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await Workloads.KubectlAsync("create", "namespace", workloads.Namespace);
        var objects = ManifestRenderer.Render(PlatformLoader.LoadByName(platform), new RenderOptions
        {
            Namespace = workloads.Namespace,
            StaticVolumes = new StaticVolumes("/srv/mooc-volumes", await OnlyNodeAsync()),
        }).Where(o => o.Kind is "PersistentVolume" or "PersistentVolumeClaim").ToList();
        using var client = DryRunApply.Connect();

        var rejections = new List<string>();
        foreach (var rendered in objects)
            if (await DryRunApply.RejectionAsync(client, rendered, CancellationToken.None) is { } message)
                rejections.Add($"{rendered.FileName}: {message}");

        Assert.True(rejections.Count == 0, string.Join("\n", rejections));
        Assert.Equal(objects.Count(o => o.Kind == "PersistentVolumeClaim"), objects.Count(o => o.Kind == "PersistentVolume"));
    }

    /// <summary>The test cluster has one node; static volumes live on it.</summary>
    static async Task<string> OnlyNodeAsync() =>
        Assert.Single((await Workloads.KubectlAsync("get", "nodes", "-o", "jsonpath={.items[*].metadata.name}")).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A volume root of the test's own on the node (this machine); the PersistentVolume made under it and the directory removed afterwards.</summary>
    sealed class VolumeRoot(string volume) : IAsyncDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sv-volumes-").FullName;
        public string Volume { get; } = volume;

        public async ValueTask DisposeAsync()
        {
            await Workloads.KubectlAsync("delete", "pv", Volume, "--wait=false", "--ignore-not-found");
            Directory.Delete(Path, recursive: true);
        }
    }
}
