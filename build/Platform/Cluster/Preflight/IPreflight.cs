namespace Mooc.Platform.Cluster.Preflight;

/// <summary>
/// An engine's checks before a deploy: whether this place can take this platform. Independent checks
/// run at once; a check that cannot run because an earlier one failed (no API, no Docker) is left out.
/// Nothing a deploy keeps is written.
/// </summary>
public interface IPreflight
{
    /// <summary>Where the checks run, e.g. "Kubernetes context prod" or "local Docker engine".</summary>
    string Description { get; }

    Task<IReadOnlyList<PreflightCheck>> CheckAsync(PreflightRequest request, CancellationToken ct);
}
