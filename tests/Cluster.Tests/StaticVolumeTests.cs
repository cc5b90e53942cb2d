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
[Collection(ClusterCollection.Name)]
public sealed class StaticVolumeTests(ClusterFixture cluster)
{
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_claim_binds_to_its_static_volume_keeps_what_a_pod_wrote_on_the_node_and_outlives_its_claim()
    {
        await using var scene = new Scene();
        var objects = ManifestRenderer.Render(PlatformLoader.LoadByName("reference"), new RenderOptions
        {
            Namespace = scene.Namespace,
            StaticVolumes = new StaticVolumes(scene.Root, await Scene.OnlyNodeAsync()),
        });
        var volumeName = scene.VolumeOfClaim;

        await scene.ApplyAsync(objects.Where(o => o.Kind is "Namespace" or "PersistentVolume" or "PersistentVolumeClaim"));

        Assert.Equal("Bound", await scene.PhaseAsync("pvc/mysql-data", "Bound"));
        Assert.Equal(volumeName, await scene.KubectlAsync("get", "pvc", "mysql-data", "-o", "jsonpath={.spec.volumeName}"));
        Assert.Equal("5Gi", await scene.KubectlAsync("get", "pvc", "mysql-data", "-o", "jsonpath={.status.capacity.storage}"));

        var proof = $"written by {scene.Namespace}";
        await scene.ApplyYamlAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: writer
            spec:
              restartPolicy: Never
              # The kubelet makes the directory root's (hostPath); the writer runs as root to write into it.
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
        Assert.Equal("Succeeded", await scene.PhaseAsync("pod/writer", "Succeeded", "Failed"));
        var onNode = Path.Combine(scene.Root, scene.Namespace, "mysql-data", "proof.txt");
        Assert.Equal(proof + "\n", await File.ReadAllTextAsync(onNode));

        await scene.KubectlAsync("delete", "pod", "writer", $"--timeout={(int)Deadline.TotalSeconds}s");
        await scene.KubectlAsync("delete", "pvc", "mysql-data", $"--timeout={(int)Deadline.TotalSeconds}s");

        Assert.Equal("Released", await scene.PhaseAsync($"pv/{volumeName}", "Released"));
        using var client = DryRunApply.Connect();
        var volume = await client.CoreV1.ReadPersistentVolumeAsync(volumeName);
        Assert.True(StaticVolumes.IsDataVolume(volume));
        Assert.Equal("Retain", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal(proof + "\n", await File.ReadAllTextAsync(onNode));
    }

    /// <summary>A namespace and a volume root of this test's own; the namespace, the volume made in it and the directory removed afterwards.</summary>
    sealed class Scene : IAsyncDisposable
    {
        public string Namespace { get; } = "sv-" + Guid.NewGuid().ToString("N")[..8];
        public string Root { get; } = Directory.CreateTempSubdirectory("sv-volumes-").FullName;

        /// <summary>The PersistentVolume rendered for the claim mysql-data in this namespace.</summary>
        public string VolumeOfClaim => StaticVolumes.VolumeName(Namespace, "mysql-data");

        /// <summary>The test cluster has one node; static volumes live on it.</summary>
        public static async Task<string> OnlyNodeAsync() =>
            Assert.Single((await Workloads.KubectlAsync("get", "nodes", "-o", "jsonpath={.items[*].metadata.name}")).Split(' ', StringSplitOptions.RemoveEmptyEntries));

        public Task<string> KubectlAsync(params string[] arguments) => Workloads.KubectlAsync(["--namespace", Namespace, .. arguments]);

        /// <summary>The objects exactly as rendered, in their apply order, as a user would apply them.</summary>
        public Task ApplyAsync(IEnumerable<RenderedObject> objects) =>
            ApplyYamlAsync(string.Join("---\n", objects.OrderBy(o => o.FileName, StringComparer.Ordinal).Select(o => o.ToYaml())), "--server-side", "--field-manager=sv-test");

        public async Task ApplyYamlAsync(string yaml, params string[] options)
        {
            var file = Path.Combine(Path.GetTempPath(), $"{Namespace}-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(file, yaml);
            try { await KubectlAsync(["apply", .. options, "-f", file]); }
            finally { File.Delete(file); }
        }

        /// <summary>Waits until the object's status.phase is one of <paramref name="phases"/> and returns it.</summary>
        public async Task<string> PhaseAsync(string obj, params string[] phases)
        {
            using var timeout = new CancellationTokenSource(Deadline);
            while (true)
            {
                var phase = await KubectlAsync("get", obj, "-o", "jsonpath={.status.phase}");
                if (phases.Contains(phase)) return phase;
                await Task.Delay(500, timeout.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Workloads.KubectlAsync("delete", "namespace", Namespace, "--wait=false", "--ignore-not-found");
            await Workloads.KubectlAsync("delete", "pv", VolumeOfClaim, "--wait=false", "--ignore-not-found");
            Directory.Delete(Root, recursive: true);
        }
    }
}
