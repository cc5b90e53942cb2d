namespace Mooc.Perf.Engine;

/// <summary>Everything measured for one step (or, named TOTAL, for all steps) after warm-up. Latencies in milliseconds.</summary>
public sealed record StepStats(
    string Name,
    long Requests,
    long Ok,
    long Failed,
    IReadOnlyDictionary<int, long> StatusCodes,
    IReadOnlyDictionary<FailureKind, long> FailuresByKind,
    IReadOnlyDictionary<string, long> FailureMessages,
    long BytesReceived,
    long BytesSent,
    double MinMs,
    double MeanMs,
    double MaxMs,
    double StdDevMs,
    double P50Ms,
    double P75Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double Rps,
    IReadOnlyList<IntervalSample> Intervals)
{
    public const string TotalName = "TOTAL";

    /// <summary>Failed requests as a fraction of all, 0 to 1.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Failed / Requests;

    public double PercentileMs(double percentile) => percentile switch
    {
        50 => P50Ms,
        75 => P75Ms,
        90 => P90Ms,
        95 => P95Ms,
        99 => P99Ms,
        _ => throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "reported percentiles are 50, 75, 90, 95 and 99"),
    };
}
