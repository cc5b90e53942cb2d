using System.Diagnostics.Contracts;

namespace Mooc.Perf.Engine;

/// <summary>
/// A load scenario: a function run once per iteration that calls <see cref="Step.Run"/> for each
/// step, and the load to run it under. Immutable: every With* returns a new scenario, and is
/// [Pure] so that dropping its result (NBomber issue #632: the load silently stayed the default)
/// is flagged by analyzers instead of going unnoticed.
/// </summary>
public sealed record Scenario
{
    private Scenario(string name, Func<IScenarioContext, Task<Response>> run)
    {
        Name = name;
        Run = run;
    }

    public string Name { get; }

    public Func<IScenarioContext, Task<Response>> Run { get; }

    public IReadOnlyList<LoadSimulation> LoadSimulations { get; private init; } = [];

    public TimeSpan WarmUpDuration { get; private init; } = TimeSpan.Zero;

    public TimeSpan ThinkTimeMin { get; private init; } = TimeSpan.Zero;

    public TimeSpan ThinkTimeMax { get; private init; } = TimeSpan.Zero;

    /// <summary>How long in-flight steps may finish after the load ends before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; private init; } = TimeSpan.FromSeconds(30);

    /// <summary>NBomber's ScenarioMaxFailCount: the load stops once more requests than this have failed; null: no limit.</summary>
    public long? MaxFailCount { get; private init; }

    /// <summary>Sees every request as it is recorded, warm-up included (e.g. to time a fault); null: none.</summary>
    public Action<RequestRecord>? RequestObserver { get; private init; }

    public static Scenario Create(string name, Func<IScenarioContext, Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Scenario(name, run);
    }

    [Pure]
    public Scenario WithLoadSimulations(params LoadSimulation[] simulations)
    {
        LoadTimeline.Validate(simulations);
        return this with { LoadSimulations = simulations.ToArray() };
    }

    /// <summary>The first <paramref name="duration"/> of the load runs but is left out of the results.</summary>
    [Pure]
    public Scenario WithWarmUpDuration(TimeSpan duration) =>
        duration >= TimeSpan.Zero
            ? this with { WarmUpDuration = duration }
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, "the warm-up must not be negative");

    /// <summary>Think time between steps, drawn uniformly from [min, max] like JMeter's Uniform Random Timer.</summary>
    [Pure]
    public Scenario WithThinkTime(TimeSpan min, TimeSpan max) =>
        min >= TimeSpan.Zero && max >= min
            ? this with { ThinkTimeMin = min, ThinkTimeMax = max }
            : throw new ArgumentOutOfRangeException(nameof(max), $"think time needs 0 <= min <= max; got {min} and {max}");

    /// <summary>Stops the load once more than <paramref name="maxFailCount"/> requests have failed (warm-up included); the result says so.</summary>
    [Pure]
    public Scenario WithMaxFailCount(long maxFailCount) =>
        maxFailCount >= 0
            ? this with { MaxFailCount = maxFailCount }
            : throw new ArgumentOutOfRangeException(nameof(maxFailCount), maxFailCount, "the max fail count must not be negative");

    /// <summary>
    /// Calls <paramref name="observer"/> with every request, from the virtual user that made it (so it must be
    /// quick and thread-safe): for analyses the aggregated statistics cannot give, such as the time of one failure.
    /// </summary>
    [Pure]
    public Scenario WithRequestObserver(Action<RequestRecord> observer) => this with { RequestObserver = observer };

    [Pure]
    public Scenario WithDrainTimeout(TimeSpan timeout) => this with { DrainTimeout = timeout };
}
