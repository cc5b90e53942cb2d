using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// Who holds a deployment lease, written on the Lease as the local lock's holder note is written
/// beside its lock file (<see cref="LockHolder"/>: pid, host, target, since), so a waiting run on
/// any machine can say who it waits for. spec.holderIdentity is unique per acquisition, so two
/// runs in one process are told apart too.
/// </summary>
public static class LeaseHolder
{
    const string Pid = "mooc.build/holder-pid";
    const string Host = "mooc.build/holder-host";
    const string Target = "mooc.build/holder-target";

    public static string NewIdentity() => $"{Environment.MachineName}_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Writes <paramref name="holder"/> onto <paramref name="lease"/> as the one holding it from now.</summary>
    public static void Hold(this V1Lease lease, LockHolder holder, string identity, LeaseTiming timing)
    {
        lease.Metadata.Annotations ??= new Dictionary<string, string>();
        lease.Metadata.Annotations[Pid] = holder.Pid.ToString();
        lease.Metadata.Annotations[Host] = holder.Host;
        lease.Metadata.Annotations[Target] = holder.Target;
        var now = DateTime.UtcNow;
        lease.Spec ??= new V1LeaseSpec();
        lease.Spec.HolderIdentity = identity;
        lease.Spec.LeaseDurationSeconds = (int)timing.Duration.TotalSeconds;
        lease.Spec.AcquireTime = holder.Since.UtcDateTime;
        lease.Spec.RenewTime = now;
    }

    /// <summary>The holder written on <paramref name="lease"/>; null when no one holds it or it was not written by this pipeline.</summary>
    public static LockHolder? Read(V1Lease lease)
    {
        var annotations = lease.Metadata.Annotations;
        if (string.IsNullOrEmpty(lease.Spec?.HolderIdentity) || annotations is null) return null;
        return annotations.TryGetValue(Pid, out var pid) && int.TryParse(pid, out var number)
            ? new LockHolder(number, annotations.Label(Host) ?? "?", annotations.Label(Target) ?? "?", Utc(lease.Spec.AcquireTime) ?? DateTimeOffset.MinValue)
            : null;
    }

    /// <summary>The holder in words, for "held by ..." and "took over ... left by ...".</summary>
    public static string Describe(V1Lease lease) =>
        Read(lease)?.ToString() ?? $"holder '{lease.Spec?.HolderIdentity}'";

    /// <summary>When the lease runs out unless renewed, by its holder's clock; null when it does not say.</summary>
    public static DateTimeOffset? ExpiresAt(V1Lease lease) =>
        Utc(lease.Spec?.RenewTime ?? lease.Spec?.AcquireTime) is { } renewed && lease.Spec?.LeaseDurationSeconds is { } seconds
            ? renewed.AddSeconds(seconds)
            : null;

    /// <summary>The client reads the API's UTC times with no kind; they are UTC.</summary>
    static DateTimeOffset? Utc(DateTime? time) => time switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        { } t => new DateTimeOffset(t.ToUniversalTime()),
    };
}
