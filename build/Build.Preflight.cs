using Mooc.Docker;
using Mooc.Kubernetes.Preflight;
using Mooc.Local.Preflight;
using Mooc.Platform.Cluster.Preflight;

/// <summary>What Preflight and Status need beside the shared context: the engine's checks, run before any engine is connected.</summary>
partial class Build
{
    IPreflight PreflightChecks() => OnKubernetes
        ? new KubernetesPreflight(KubernetesOptions())
        : new LocalPreflight(DockerEngine.Endpoint, PublicPort);

    async Task<PreflightRequest> PreflightRequestAsync(CancellationToken ct) =>
        new(DeploymentName, LoadedPlatform, await ImageMapAsync(ct), CheckEgress);

    /// <summary>Where LoadTest (results/loadtest-*) and FaultTest (results/faulttest-*) write their reports.</summary>
    string ResultsDirectory => Path.Combine(RootDirectory, "results");
}
