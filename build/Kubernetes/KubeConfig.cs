using k8s;
using k8s.KubeConfigModels;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// Which cluster <c>--cluster</c> names: a context of the kubeconfig (the files KUBECONFIG lists,
/// else ~/.kube/config, as kubectl reads them), or <see cref="InCluster"/> for a run inside a pod.
/// </summary>
public static class KubeConfig
{
    public const string InCluster = "in-cluster";

    /// <summary>The kubeconfig files kubectl would read, those that exist.</summary>
    public static IReadOnlyList<string> Files()
    {
        var listed = Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } variable
            ? variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
        return listed.Where(File.Exists).ToList();
    }

    /// <summary>A Validates check: the context exists (or in-cluster credentials do); else a mistake in the call, naming the contexts there are.</summary>
    public static void CheckContext(string context)
    {
        if (context == InCluster)
        {
            if (!KubernetesClientConfiguration.IsInCluster())
                throw new BuildException("--cluster in-cluster: this process does not run in a Kubernetes pod (no service account token or KUBERNETES_SERVICE_HOST). Name a context of your kubeconfig instead.");
            return;
        }
        var files = Files();
        if (files.Count == 0)
            throw new BuildException(
                $"--cluster {context}: no kubeconfig found ({(Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } v ? $"KUBECONFIG={v}" : "~/.kube/config")} does not exist). " +
                "Point KUBECONFIG at your cluster's kubeconfig, run './build.sh ClusterUp' for the test cluster (context mooc-local), or use --cluster local.");
        var contexts = files.SelectMany(f => Load(f).Contexts?.Select(c => c.Name) ?? []).Distinct().ToList();
        if (!contexts.Contains(context))
        {
            var known = contexts.Count == 0 ? "it has none" : "it has: " + string.Join(", ", contexts.Order());
            var hint = Suggestions.Closest(context, contexts) is { } best ? $" Did you mean '{best}'?" : "";
            throw new BuildException($"--cluster {context}: no such context in {string.Join(", ", files)}; {known}.{hint} ('local' runs on the local Docker engine.)");
        }
    }

    /// <summary>Credentials and server of the context (or of the pod this runs in); the first file naming the context wins, as with kubectl.</summary>
    public static KubernetesClientConfiguration ConfigurationFor(string context)
    {
        if (context == InCluster) return KubernetesClientConfiguration.InClusterConfig();
        var file = Files().FirstOrDefault(f => Load(f).Contexts?.Any(c => c.Name == context) == true)
            ?? throw new BuildException($"--cluster {context}: no kubeconfig file names this context any more.");
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(file, context);
    }

    static K8SConfiguration Load(string file)
    {
        try
        {
            return KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(file));
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException)
        {
            throw new BuildException($"The kubeconfig {file} cannot be read: {e.Message}");
        }
    }
}
