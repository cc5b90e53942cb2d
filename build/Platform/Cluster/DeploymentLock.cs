using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>
/// Keeps two runs against the same deployment from interleaving: the deployment's
/// <see cref="CrossProcessLock"/>, held by a run until it ends.
/// </summary>
public static class DeploymentLock
{
    public static string File(string deployment) => "deployment-" + deployment;

    /// <summary>Takes the deployment's lock, waiting up to <paramref name="timeout"/> for its holder; then fails naming the holder.</summary>
    public static Task<CrossProcessLock> AcquireAsync(string deployment, string target, TimeSpan timeout, CancellationToken ct) =>
        CrossProcessLock.AcquireAsync($"deployment '{deployment}'", File(deployment), target, timeout, ct);
}
