namespace Mooc.Platform.Cluster.Status;

/// <summary>A deployed platform as an engine sees it now: each service's replicas, and where it answers.</summary>
/// <param name="Urls">Where the platform answers, each with how (e.g. "http://127.0.0.1:18000/ (published on 127.0.0.1)").</param>
public sealed record DeploymentStatus(IReadOnlyList<ServiceState> Services, IReadOnlyList<string> Urls)
{
    public bool AllReady => Services.Count > 0 && Services.All(s => s.Ready >= s.Desired && s.Desired > 0);
}

/// <param name="Image">The image's tag (or the whole reference when untagged); several when replicas differ.</param>
/// <param name="Age">Since the oldest replica started; null when none runs.</param>
/// <param name="Note">For a service not ready: its last event or the engine's diagnosis; else null.</param>
public sealed record ServiceState(string Service, int Desired, int Ready, string Image, TimeSpan? Age, long Restarts, string? Note)
{
    public static string TagOf(string reference) =>
        reference.LastIndexOf(':') is var colon and > 0 && colon > reference.LastIndexOf('/') ? reference[(colon + 1)..] : reference;
}
