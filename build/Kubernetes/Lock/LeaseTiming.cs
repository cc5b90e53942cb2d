namespace Mooc.Kubernetes;

/// <summary>
/// How long a deployment lease holds without renewal, and how often its holder renews it: a
/// holder that dies leaves a lease others take over after <see cref="Duration"/>; a live one
/// renews it well before.
/// </summary>
public sealed record LeaseTiming
{
    public LeaseTiming(TimeSpan duration, TimeSpan renewEvery)
    {
        if (duration < TimeSpan.FromSeconds(1) || duration.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts a whole number of seconds, at least 1.");
        if (renewEvery <= TimeSpan.Zero || renewEvery >= duration)
            throw new ArgumentOutOfRangeException(nameof(renewEvery), renewEvery, $"A lease is renewed more often than it lasts ({duration}).");
        Duration = duration;
        RenewEvery = renewEvery;
    }

    public static LeaseTiming Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));

    public TimeSpan Duration { get; }
    public TimeSpan RenewEvery { get; }
}
