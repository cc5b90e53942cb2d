namespace Mooc.Perf.Engine;

/// <summary>The load simulations laid end to end: how many users or what arrival rate at a given time.</summary>
internal sealed class LoadTimeline
{
    private readonly IReadOnlyList<LoadSimulation> _phases;

    public LoadTimeline(IReadOnlyList<LoadSimulation> phases)
    {
        Validate(phases);
        _phases = phases;
        IsOpen = phases.Any(p => p is Inject or RampingInject or IterationsForInject);
        IterationLimit = phases switch
        {
            [IterationsForConstant c] => c.Iterations,
            [IterationsForInject i] => i.Iterations,
            _ => null,
        };
        Duration = IterationLimit is null ? TimeSpan.FromTicks(phases.Sum(p => p.During!.Value.Ticks)) : null;
    }

    public bool IsOpen { get; }

    /// <summary>The total of the phases; null when the run is bounded by an iteration count.</summary>
    public TimeSpan? Duration { get; }

    public long? IterationLimit { get; }

    public static void Validate(IReadOnlyList<LoadSimulation> phases)
    {
        if (phases.Count == 0)
        {
            throw new ArgumentException("a scenario needs at least one load simulation, e.g. Simulation.KeepConstant(copies: 10, during: TimeSpan.FromSeconds(30))");
        }
        var closed = phases.Any(p => p is KeepConstant or RampingConstant or IterationsForConstant);
        var open = phases.Any(p => p is Inject or RampingInject or IterationsForInject);
        if (closed && open)
        {
            throw new ArgumentException("load simulations mix the closed model (KeepConstant, RampingConstant) with the open model (Inject, RampingInject); use one model per scenario");
        }
        if (phases.Count > 1 && phases.Any(p => p.During is null))
        {
            throw new ArgumentException("IterationsForConstant and IterationsForInject must be the only load simulation of a scenario");
        }
    }

    /// <summary>Closed model: the number of virtual users wanted at <paramref name="elapsed"/>.</summary>
    public int CopiesAt(TimeSpan elapsed)
    {
        var copies = 0.0;
        var phaseStart = TimeSpan.Zero;
        foreach (var phase in _phases)
        {
            switch (phase)
            {
                case IterationsForConstant c:
                    return c.Copies;
                case KeepConstant k when elapsed < phaseStart + k.Duration:
                    return k.Copies;
                case KeepConstant k:
                    copies = k.Copies;
                    break;
                case RampingConstant r when elapsed < phaseStart + r.Duration:
                    return (int)Math.Round(copies + (r.Copies - copies) * ((elapsed - phaseStart) / r.Duration));
                case RampingConstant r:
                    copies = r.Copies;
                    break;
                case Pause p when elapsed < phaseStart + p.Duration:
                    return 0;
                case Pause:
                    copies = 0;
                    break;
            }
            phaseStart += phase.During ?? TimeSpan.Zero;
        }
        return 0;
    }

    /// <summary>Open model: arrivals per second wanted at <paramref name="elapsed"/>, and when that phase ends.</summary>
    public (double PerSecond, TimeSpan PhaseEnd) RateAt(TimeSpan elapsed)
    {
        var rate = 0.0;
        var phaseStart = TimeSpan.Zero;
        foreach (var phase in _phases)
        {
            var phaseEnd = phaseStart + (phase.During ?? TimeSpan.MaxValue - phaseStart);
            switch (phase)
            {
                case IterationsForInject i:
                    return (i.PerSecond, TimeSpan.MaxValue);
                case Inject i when elapsed < phaseEnd:
                    return (i.PerSecond, phaseEnd);
                case Inject i:
                    rate = i.PerSecond;
                    break;
                case RampingInject r when elapsed < phaseEnd:
                    return (rate + (r.PerSecond - rate) * ((elapsed - phaseStart) / r.Duration), phaseEnd);
                case RampingInject r:
                    rate = r.PerSecond;
                    break;
                case Pause when elapsed < phaseEnd:
                    return (0, phaseEnd);
                case Pause:
                    rate = 0;
                    break;
            }
            phaseStart = phaseEnd;
        }
        return (0, TimeSpan.MaxValue);
    }
}
