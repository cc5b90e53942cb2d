namespace Mooc.Perf.Engine;

/// <summary>The latency of a set of requests in milliseconds: exact count, min, mean, max and std. dev.; percentiles from HdrHistogram.</summary>
public sealed record LatencyStats(
    long Count,
    double MinMs,
    double MeanMs,
    double MaxMs,
    double StdDevMs,
    double P50Ms,
    double P75Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms)
{
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
