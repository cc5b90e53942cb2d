namespace Mooc.Perf.Engine;

/// <summary>A limit the run must keep to pass. Limits carry their unit in the factory's argument names.</summary>
public abstract record Threshold
{
    /// <summary>Failed requests at most this percentage of all (0 to 100), over all steps or one.</summary>
    public static Threshold MaxErrorPercent(double percent, string? step = null) => new MaxErrorPercentThreshold(percent, step);

    /// <summary>The 95th percentile latency of the successful requests at most <paramref name="limit"/>, over all steps or one.</summary>
    public static Threshold MaxP95(TimeSpan limit, string? step = null) => new MaxPercentileThreshold(95, limit, step);

    /// <summary>A latency percentile (50, 75, 90, 95 or 99) of the successful requests at most <paramref name="limit"/>.</summary>
    public static Threshold MaxPercentile(double percentile, TimeSpan limit, string? step = null) => new MaxPercentileThreshold(percentile, limit, step);

    /// <summary>At least this many requests per second over all steps or one.</summary>
    public static Threshold MinRps(double requestsPerSecond, string? step = null) => new MinRpsThreshold(requestsPerSecond, step);

    public abstract ThresholdResult Evaluate(LoadResult result);

    private protected static string Scope(string? step) => step is null ? "all steps" : $"step '{step}'";

    private protected static StepStats? Stats(LoadResult result, string? step) =>
        step is null ? result.Total : result.Steps.FirstOrDefault(s => s.Name == step);

    private protected static ThresholdResult NotMeasured(Threshold threshold, string? step) =>
        new(threshold, false, double.NaN, $"{Scope(step)} made no requests, so it cannot be judged");
}

public sealed record MaxErrorPercentThreshold(double Percent, string? Step) : Threshold
{
    public override ThresholdResult Evaluate(LoadResult result)
    {
        if (Stats(result, Step) is not { Requests: > 0 } stats)
        {
            return NotMeasured(this, Step);
        }
        var measured = stats.ErrorRate * 100;
        return new ThresholdResult(this, measured <= Percent, measured,
            $"error rate of {Scope(Step)} is {measured:0.##}% ({stats.Failed} of {stats.Requests}), limit {Percent:0.##}%");
    }

    public override string ToString() => $"max-error-percent {Percent:0.##}%" + (Step is null ? "" : $" '{Step}'");
}

public sealed record MaxPercentileThreshold(double Percentile, TimeSpan Limit, string? Step) : Threshold
{
    public override ThresholdResult Evaluate(LoadResult result)
    {
        if (Stats(result, Step) is not { Requests: > 0 } stats)
        {
            return NotMeasured(this, Step);
        }
        if (stats.Ok == 0)
        {
            return new ThresholdResult(this, false, double.NaN,
                $"{Scope(Step)} had no successful request ({stats.Failed} failed), so its latency cannot be judged");
        }
        var measured = stats.Latency.PercentileMs(Percentile);
        return new ThresholdResult(this, measured <= Limit.TotalMilliseconds, measured,
            $"p{Percentile:0} latency of {Scope(Step)} is {measured:0.#} ms over {stats.Ok} successful requests, limit {Limit.TotalMilliseconds:0.#} ms");
    }

    public override string ToString() => $"max-p{Percentile:0} {Limit.TotalMilliseconds:0.#} ms" + (Step is null ? "" : $" '{Step}'");
}

public sealed record MinRpsThreshold(double RequestsPerSecond, string? Step) : Threshold
{
    public override ThresholdResult Evaluate(LoadResult result)
    {
        var stats = Stats(result, Step);
        var measured = stats?.Rps ?? 0;
        return new ThresholdResult(this, measured >= RequestsPerSecond, measured,
            $"throughput of {Scope(Step)} is {measured:0.##} req/s, minimum {RequestsPerSecond:0.##} req/s");
    }

    public override string ToString() => $"min-rps {RequestsPerSecond:0.##}" + (Step is null ? "" : $" '{Step}'");
}

/// <summary>One threshold judged: passed or not, the measured value, and a message naming both.</summary>
public sealed record ThresholdResult(Threshold Threshold, bool Passed, double Measured, string Message)
{
    public override string ToString() => $"{(Passed ? "passed" : "BREACHED")} {Threshold}: {Message}";
}
