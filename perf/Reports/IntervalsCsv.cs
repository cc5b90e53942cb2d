using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>The raw per-interval series of every step and TOTAL, one row per step and interval with requests; latencies of successful requests.</summary>
public static class IntervalsCsv
{
    public static readonly string[] Columns =
        ["step", "interval", "start_s", "requests", "ok", "failed", "rps", "mean_ms", "p50_ms", "p75_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms", "received_bytes", "sent_bytes"];

    public static string Render(LoadResult result)
    {
        var seconds = result.ReportingInterval.TotalSeconds;
        var lines = new List<string> { Csv.Line(Columns) };
        foreach (var step in result.Steps.Append(result.Total))
        {
            lines.AddRange(step.Intervals.Select(i => Csv.Line(step.Name, i.Index, i.Start.TotalSeconds, i.Requests, i.Ok, i.Failed,
                i.Requests / seconds, i.MeanMs, i.P50Ms, i.P75Ms, i.P90Ms, i.P95Ms, i.P99Ms, i.MaxMs, i.BytesReceived, i.BytesSent)));
        }
        return string.Join('\n', lines) + "\n";
    }
}
