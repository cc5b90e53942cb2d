using Mooc.Build;

namespace Mooc.Local;

/// <summary>
/// The local engine's deployment lock: a <see cref="CrossProcessLock"/> on this machine, held by a
/// run until it ends (the kernel lets go of a killed run's).
/// </summary>
public static class LocalLock
{
    public static string File(string deployment) => "deployment-" + deployment;

    /// <summary>Takes the deployment's lock, waiting up to <paramref name="timeout"/> for its holder; then fails naming the holder.</summary>
    public static Task<CrossProcessLock> AcquireAsync(string deployment, string target, TimeSpan timeout, CancellationToken ct) =>
        CrossProcessLock.AcquireAsync($"deployment '{deployment}'", File(deployment), target, timeout, ct);
}
