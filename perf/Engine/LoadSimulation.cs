namespace Mooc.Perf.Engine;

/// <summary>One phase of load. Closed phases hold virtual users; open phases inject arrivals.</summary>
public abstract record LoadSimulation
{
    /// <summary>How long the phase lasts; null for phases bounded by an iteration count.</summary>
    public abstract TimeSpan? During { get; }
}

/// <summary>Closed model: hold this many virtual users for the whole phase.</summary>
public sealed record KeepConstant(int Copies, TimeSpan Duration) : LoadSimulation
{
    public override TimeSpan? During => Duration;
}

/// <summary>Closed model: change the number of virtual users linearly to <see cref="Copies"/> over the phase (ramp-up or down).</summary>
public sealed record RampingConstant(int Copies, TimeSpan Duration) : LoadSimulation
{
    public override TimeSpan? During => Duration;
}

/// <summary>Closed model: this many virtual users share a fixed number of scenario iterations.</summary>
public sealed record IterationsForConstant(int Copies, long Iterations) : LoadSimulation
{
    public override TimeSpan? During => null;
}

/// <summary>Open model: start <see cref="Rate"/> scenario runs per <see cref="Interval"/>, whatever the latency.</summary>
public sealed record Inject(double Rate, TimeSpan Interval, TimeSpan Duration) : LoadSimulation
{
    public override TimeSpan? During => Duration;

    public double PerSecond => Rate / Interval.TotalSeconds;
}

/// <summary>Open model: change the arrival rate linearly to <see cref="Rate"/> per <see cref="Interval"/> over the phase.</summary>
public sealed record RampingInject(double Rate, TimeSpan Interval, TimeSpan Duration) : LoadSimulation
{
    public override TimeSpan? During => Duration;

    public double PerSecond => Rate / Interval.TotalSeconds;
}

/// <summary>Open model: start a fixed number of scenario runs at <see cref="Rate"/> per <see cref="Interval"/>.</summary>
public sealed record IterationsForInject(double Rate, TimeSpan Interval, long Iterations) : LoadSimulation
{
    public override TimeSpan? During => null;

    public double PerSecond => Rate / Interval.TotalSeconds;
}

/// <summary>No load for a while.</summary>
public sealed record Pause(TimeSpan Duration) : LoadSimulation
{
    public override TimeSpan? During => Duration;
}
