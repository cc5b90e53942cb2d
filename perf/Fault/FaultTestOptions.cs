namespace Mooc.Perf.Fault;

/// <summary>
/// A fault test: the learner scenario at a steady arrival rate (open model, so a platform that stalls shows
/// as latency and failures, not as fewer learners), a fault at <see cref="FaultAt"/>, and the limits it must keep.
/// </summary>
public sealed record FaultTestOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>Marks every account the learners register as this test run's, for the platform to remove after it.</summary>
    public string? TestRun { get; init; }

    /// <summary>New learners per second, whatever the latency.</summary>
    public double Rate { get; init; } = 0.5;

    /// <summary>Measured time, after the warm-up; the fault falls within it.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(45);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When the fault comes, from the end of the warm-up; default a third into the measured time.</summary>
    public TimeSpan? FaultAt { get; init; }

    public TimeSpan ThinkTimeMin { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ThinkTimeMax { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time from the fault until the service is ready again and the error rate is back to its level before the fault.</summary>
    public TimeSpan MaxRecovery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most requests allowed to fail from the fault to the recovery.</summary>
    public int MaxFailedRequests { get; init; } = 5;

    /// <summary>How often the service's readiness is read.</summary>
    public TimeSpan ReadinessPoll { get; init; } = TimeSpan.FromMilliseconds(250);

    public required string ResultsDirectory { get; init; }

    public bool WriteToConsole { get; init; } = true;

    public TimeSpan FaultOffset => FaultAt ?? Duration / 3;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range and what it needs.</summary>
    public void Validate()
    {
        Require(Rate > 0, nameof(Rate), $"must be more than 0 learners per second; got {Rate}");
        Require(Duration > TimeSpan.Zero, nameof(Duration), $"must be more than zero; got {Duration}");
        Require(WarmUp >= TimeSpan.Zero, nameof(WarmUp), $"must not be negative; got {WarmUp}");
        Require(FaultOffset >= TimeSpan.Zero && FaultOffset < Duration, nameof(FaultAt),
            $"must fall within the measured time (0 to {Duration.TotalSeconds:0.#} s after the warm-up) so there is load before and after it; got {FaultOffset.TotalSeconds:0.#} s");
        Require(ThinkTimeMin >= TimeSpan.Zero && ThinkTimeMin <= ThinkTimeMax, nameof(ThinkTimeMin),
            $"needs 0 <= ThinkTimeMin <= ThinkTimeMax; got {ThinkTimeMin.TotalMilliseconds} ms and {ThinkTimeMax.TotalMilliseconds} ms");
        Require(MaxRecovery > TimeSpan.Zero, nameof(MaxRecovery), $"must be more than zero; got {MaxRecovery}");
        Require(MaxFailedRequests >= 0, nameof(MaxFailedRequests), $"must not be negative; got {MaxFailedRequests}");
    }

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"fault test option {option} {problem}", option);
        }
    }
}
