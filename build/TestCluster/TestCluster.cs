using Mooc.Build;
using Mooc.Docker;

namespace Mooc.TestCluster;

/// <summary>
/// The single-node test cluster (Kubernetes v1.20.2 from Debian's source package) on this
/// machine: ClusterUp builds and caches its binaries when needed and starts what is not running;
/// ClusterDown stops it and undoes what it changed on the host. The work is in scripts/, which
/// also run without the pipeline.
/// </summary>
public static class TestCluster
{
    /// <summary>The components ClusterUp starts, each recorded by its process id.</summary>
    public static readonly IReadOnlyList<string> Components =
        ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet", "kube-proxy", "dnsmasq", "dns-sync", "hairpin"];

    public static string ScriptsDirectory => Path.Combine(RepositoryPaths.Root, "build", "TestCluster", "scripts");

    /// <summary>
    /// The kubelet runs pods on the local Docker engine: it is made to answer first, the way every
    /// other target gets it (installed and started when this machine allows), not left to the script.
    /// </summary>
    /// <returns>The script's output lines (they are also shown as they come).</returns>
    public static async Task<ProcessResult> UpAsync(CancellationToken ct)
    {
        using var docker = await DockerEngine.ConnectAsync(ct);
        return await RunAsync("cluster-up.sh", [], ct);
    }

    public static Task<ProcessResult> DownAsync(bool purge, CancellationToken ct) =>
        RunAsync("cluster-down.sh", purge ? ["--purge"] : [], ct);

    /// <summary>kubectl of the cached binaries as the cluster's admin; fails with kubectl's own message.</summary>
    public static async Task<string> KubectlAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        var paths = TestClusterPaths.Current;
        var result = await ProcessRunner.RunAsync(paths.Kubectl, ["--kubeconfig", paths.AdminKubeconfig, .. arguments], ct, quiet: true);
        if (!result.Succeeded)
            throw new BuildException($"kubectl {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {result.Tail(10)}");
        return string.Join('\n', result.Output);
    }

    static async Task<ProcessResult> RunAsync(string script, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(Path.Combine(ScriptsDirectory, script), arguments, ct, logPrefix: "cluster");
        if (!result.Succeeded)
            throw new BuildException($"{script} failed (exit {result.ExitCode}); its last lines:\n{result.Tail(15)}");
        return result;
    }
}
