namespace Mooc.Platform.Cluster;

/// <summary>
/// Where an engine keeps a deployment's secret values: a file on this machine for the local
/// engine, a Secret in the namespace for Kubernetes. The store only keeps them; the runbook
/// (<see cref="DeploymentSecrets"/>) generates, rotates and forgets them the same way for every engine.
/// </summary>
public interface ISecretStore
{
    /// <summary>Where the values are kept, for messages (never the values).</summary>
    string Location { get; }

    /// <summary>The kept values; empty when none were kept yet.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken ct);

    /// <summary>Replaces the kept values with these, all at once.</summary>
    Task WriteAsync(IReadOnlyDictionary<string, string> values, CancellationToken ct);

    Task DeleteAsync(CancellationToken ct);
}
