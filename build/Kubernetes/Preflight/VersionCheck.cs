using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Kubernetes.Preflight;

/// <summary>Whether the engine supports the server's Kubernetes release.</summary>
public static class VersionCheck
{
    public static PreflightCheck Of(ServerInfo server) => server.Major > 1 || (server.Major == 1 && server.Minor >= ServerInfo.OldestMinor)
        ? PreflightCheck.Passed("server version", $"Kubernetes {server.GitVersion} (1.{ServerInfo.OldestMinor} and later are supported)")
        : PreflightCheck.Failed("server version", $"Kubernetes {server.GitVersion}; the pipeline supports 1.{ServerInfo.OldestMinor} and later", "Upgrade the cluster (kubeadm upgrade), or deploy on another one.");
}
