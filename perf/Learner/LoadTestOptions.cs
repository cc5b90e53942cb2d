using Mooc.Perf.Engine;

namespace Mooc.Perf.Learner;

/// <summary>
/// How to load-test the learner flow. The defaults suit the reference platform on a 2-core CI
/// machine (about 40 s in all); <see cref="ReportProfile"/> is the report's own run.
/// </summary>
public sealed record LoadTestOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>The run's id, sent with every learner's requests so the platform marks the accounts as test accounts (null: unmarked).</summary>
    public string? TestRun { get; init; }

    /// <summary>Closed model: concurrent virtual users.</summary>
    public int Users { get; init; } = 4;

    /// <summary>Open model when set: new learners (scenario runs) started per second, whatever the latency.</summary>
    public double? Rate { get; init; }

    /// <summary>Measured time, after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Closed model: time to go from 0 to <see cref="Users"/>; part of the warm-up when shorter than it.</summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ThinkTimeMin { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ThinkTimeMax { get; init; } = TimeSpan.FromMilliseconds(1000);

    /// <summary>When set, the run ends after this many scenario runs instead of after <see cref="Duration"/>.</summary>
    public long? Iterations { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public double MaxErrorPercent { get; init; } = 1;

    public TimeSpan? MaxP95 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-step p95 limits, keyed by step name (e.g. "problem_check").</summary>
    public IReadOnlyDictionary<string, TimeSpan> MaxP95PerStep { get; init; } = new Dictionary<string, TimeSpan>();

    public double? MinRps { get; init; }

    /// <summary>
    /// NBomber's ScenarioMaxFailCount: the run stops once more requests than this have failed
    /// (warm-up included) and fails, saying so; null: no limit. Against a platform that is down,
    /// the default ends the CI run in seconds instead of after its whole duration.
    /// </summary>
    public long? MaxFailures { get; init; } = 100;

    public string ResultsDirectory { get; init; } = Path.Combine("perf-results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));

    /// <summary>Whether to print the step table and verdicts on the console.</summary>
    public bool WriteToConsole { get; init; } = true;

    /// <summary>The report's chapter 6.5 run: 100 concurrent learners for an hour, no errors allowed.</summary>
    public static LoadTestOptions ReportProfile(Uri baseUrl) => new()
    {
        BaseUrl = baseUrl,
        Users = 100,
        Duration = TimeSpan.FromHours(1),
        RampUp = TimeSpan.FromSeconds(100),
        WarmUp = TimeSpan.FromSeconds(100),
        ThinkTimeMin = TimeSpan.FromSeconds(1),
        ThinkTimeMax = TimeSpan.FromSeconds(3),
        MaxErrorPercent = 0,
        MaxP95 = TimeSpan.FromSeconds(60),
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range and what it needs.</summary>
    public void Validate()
    {
        Require(Users > 0, nameof(Users), $"must be at least 1; got {Users}");
        Require(Rate is null or > 0, nameof(Rate), $"must be more than 0 learners per second; got {Rate}");
        Require(Duration > TimeSpan.Zero, nameof(Duration), $"must be more than zero; got {Duration}");
        Require(RampUp >= TimeSpan.Zero, nameof(RampUp), $"must not be negative; got {RampUp}");
        Require(WarmUp >= TimeSpan.Zero, nameof(WarmUp), $"must not be negative; got {WarmUp}");
        Require(ThinkTimeMin >= TimeSpan.Zero && ThinkTimeMin <= ThinkTimeMax, nameof(ThinkTimeMin),
            $"needs 0 <= ThinkTimeMin <= ThinkTimeMax; got {ThinkTimeMin.TotalMilliseconds} ms and {ThinkTimeMax.TotalMilliseconds} ms");
        Require(Iterations is null or > 0, nameof(Iterations), $"must be at least 1; got {Iterations}");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), $"must be more than zero; got {RequestTimeout}");
        Require(MaxFailures is null or >= 0, nameof(MaxFailures), $"must not be negative; got {MaxFailures}");
        Require(MaxErrorPercent is >= 0 and <= 100, nameof(MaxErrorPercent), $"must be between 0 and 100; got {MaxErrorPercent}");
    }

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"load test option {option} {problem}", option);
        }
    }

    public IReadOnlyList<Threshold> Thresholds()
    {
        var thresholds = new List<Threshold> { Threshold.MaxErrorPercent(MaxErrorPercent) };
        if (MaxP95 is { } p95)
        {
            thresholds.Add(Threshold.MaxP95(p95));
        }
        thresholds.AddRange(MaxP95PerStep.Select(s => Threshold.MaxP95(s.Value, s.Key)));
        if (MinRps is { } rps)
        {
            thresholds.Add(Threshold.MinRps(rps));
        }
        return thresholds;
    }

    /// <summary>The load: a ramp-up then steady users (closed), or a steady arrival rate (open); warm-up counted in.</summary>
    public LoadSimulation[] Simulations()
    {
        if (Rate is { } rate)
        {
            return Iterations is { } n
                ? [Simulation.IterationsForInject(rate, TimeSpan.FromSeconds(1), n)]
                : [Simulation.Inject(rate, TimeSpan.FromSeconds(1), WarmUp + Duration)];
        }
        if (Iterations is { } iterations)
        {
            return [Simulation.IterationsForConstant(Users, iterations)];
        }
        var rampUp = RampUp < WarmUp + Duration ? RampUp : TimeSpan.Zero;
        var steady = WarmUp + Duration - rampUp;
        return rampUp > TimeSpan.Zero
            ? [Simulation.RampingConstant(Users, rampUp), Simulation.KeepConstant(Users, steady)]
            : [Simulation.KeepConstant(Users, steady)];
    }
}
