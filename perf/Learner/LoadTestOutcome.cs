using Mooc.Perf.Engine;
using Mooc.Perf.Reports;

namespace Mooc.Perf.Learner;

/// <summary>The verdict of a load test: passed or not, every threshold judged, what was measured and where the reports are.</summary>
public sealed record LoadTestOutcome(bool Passed, IReadOnlyList<ThresholdResult> Thresholds, LoadResult Result, ReportPaths Reports)
{
    public IReadOnlyList<ThresholdResult> Breached => Thresholds.Where(t => !t.Passed).ToArray();

    /// <summary>One line for a build log: the verdict and each breached threshold with its measured value.</summary>
    public string Summary => Passed
        ? $"load test passed: {Result.Total.Requests} requests, {Result.Total.Rps:0.##} req/s, p95 {Result.Total.P95Ms:0} ms, {Result.Total.ErrorRate * 100:0.##}% errors"
        : "load test failed: " + string.Join("; ", Breached.Select(t => $"{t.Threshold}: {t.Message}"));
}
