namespace Mooc.TestCluster;

/// <summary>
/// Where the test cluster keeps its state (certificates, etcd's data, logs, process ids, what
/// ClusterDown restores): $MOOC_CLUSTER_STATE, else $XDG_STATE_HOME/mooc/cluster, else
/// ~/.local/state/mooc/cluster. The scripts compute the same.
/// </summary>
public sealed record TestClusterPaths(string State)
{
    public static TestClusterPaths Current
    {
        get
        {
            var explicitState = Environment.GetEnvironmentVariable("MOOC_CLUSTER_STATE");
            if (!string.IsNullOrEmpty(explicitState)) return new(explicitState);
            var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (string.IsNullOrEmpty(stateHome))
                stateHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
            return new(Path.Combine(stateHome, "mooc", "cluster"));
        }
    }

    /// <summary>Credentials of a cluster admin (system:masters), the same as the merged context mooc-local.</summary>
    public string AdminKubeconfig => Path.Combine(State, "config", "admin.kubeconfig");

    public string PidFile(string component) => Path.Combine(State, "pids", component + ".pid");

    /// <summary>The sysctls as they were before ClusterUp changed anything (key=value lines).</summary>
    public string SavedSysctls => Path.Combine(State, "saved", "sysctls");

    /// <summary>The cached binaries' folder the running cluster uses (written by ClusterUp).</summary>
    public string Binaries => File.ReadAllText(Path.Combine(State, "binaries")).Trim();

    public string Kubectl => Path.Combine(Binaries, "kubectl");
}
