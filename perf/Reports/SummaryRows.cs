using System.Globalization;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>
/// The tables every report shows, as text cells, per step and TOTAL: the main one with the latency
/// of successful requests, and one for the failed requests, their latency and kinds.
/// </summary>
internal static class SummaryRows
{
    public static readonly string[] Header =
        ["Step", "Requests", "OK", "Failed", "RPS", "Min ms", "Mean ms", "p50", "p75", "p90", "p95", "p99", "Max ms", "StdDev", "KB in", "KB out"];

    public const string LatencyNote = "Latencies are of successful requests; failed ones are counted in Failed and timed in the failures table.";

    public static IEnumerable<string[]> Rows(LoadResult result) =>
        result.Steps.Append(result.Total).Select(s => (string[])
        [
            s.Name, N(s.Requests), N(s.Ok), N(s.Failed), F(s.Rps, "0.##"), .. Latencies(s.Latency), F(s.BytesReceived / 1024.0), F(s.BytesSent / 1024.0),
        ]);

    // Without a successful request there is no latency to show; a 0 would read as instant answers.
    private static string[] Latencies(LatencyStats l) => l.Count == 0
        ? Enumerable.Repeat("-", 9).ToArray()
        : [F(l.MinMs), F(l.MeanMs), F(l.P50Ms), F(l.P75Ms), F(l.P90Ms), F(l.P95Ms), F(l.P99Ms), F(l.MaxMs), F(l.StdDevMs)];

    public static readonly string[] FailedHeader = ["Step", "Failed", "Error %", "Min ms", "Mean ms", "p50", "p95", "p99", "Max ms", "By kind"];

    /// <summary>Steps with failed requests, and TOTAL: the failed requests' own latency and their kinds.</summary>
    public static IEnumerable<string[]> FailedRows(LoadResult result) =>
        result.Total.Failed == 0 ? [] : result.Steps.Where(s => s.Failed > 0).Append(result.Total).Select(s => new[]
        {
            s.Name, N(s.Failed), F(s.ErrorRate * 100, "0.##"), F(s.FailedLatency.MinMs), F(s.FailedLatency.MeanMs), F(s.FailedLatency.P50Ms),
            F(s.FailedLatency.P95Ms), F(s.FailedLatency.P99Ms), F(s.FailedLatency.MaxMs), Join(s.FailuresByKind),
        });

    /// <summary>Failures of every step: by status code and the distinct messages (the kinds are in <see cref="FailedRows"/>).</summary>
    public static IEnumerable<string> FailureLines(LoadResult result) =>
        result.Steps.Where(s => s.Failed > 0).SelectMany(s =>
            new[] { $"{s.Name}: {s.Failed} failed" + (s.StatusCodes.Count > 0 ? $"; status codes {Join(s.StatusCodes)}" : "") }
                .Concat(s.FailureMessages.OrderByDescending(m => m.Value).Select(m => $"  {m.Value} x {m.Key}")));

    public static string Headline(LoadResult result) =>
        $"{result.ScenarioName} ({result.LoadModel} model): {result.Total.Requests} requests in {result.MeasuredDuration.TotalSeconds:0.#} s " +
        $"after {result.WarmUp.TotalSeconds:0.#} s warm-up, {result.Total.Rps:0.##} req/s, {result.Total.ErrorRate * 100:0.##}% errors, " +
        $"iterations {result.IterationsOk} ok / {result.IterationsFailed} failed";

    private static string Join<TKey>(IReadOnlyDictionary<TKey, long> counts) where TKey : notnull =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}"));

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
