using Mooc.Perf.Engine;
using Mooc.Perf.Reports;

namespace Mooc.Perf.Learner;

/// <summary>
/// The verdict of a load test: passed or not, every threshold judged, what was measured and where
/// the reports are. A run stopped early by the max fail count fails whatever the thresholds say.
/// </summary>
public sealed record LoadTestOutcome(IReadOnlyList<ThresholdResult> Thresholds, LoadResult Result, ReportPaths Reports)
{
    public bool Passed => Result.StoppedEarly is null && Thresholds.All(t => t.Passed);

    public IReadOnlyList<ThresholdResult> Breached => Thresholds.Where(t => !t.Passed).ToArray();

    /// <summary>One line for a build log: the verdict and each breached threshold with its measured value.</summary>
    public string Summary => Passed
        ? $"load test passed: {Result.Total.Requests} requests, {Result.Total.Rps:0.##} req/s, p95 {Result.Total.Latency.P95Ms:0} ms, {Result.Total.ErrorRate * 100:0.##}% errors"
        : "load test failed: " + string.Join("; ", Breached.Select(t => $"{t.Threshold}: {t.Message}").Prepend(Result.StoppedEarly).OfType<string>());
}
