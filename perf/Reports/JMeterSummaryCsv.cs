using System.Globalization;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>
/// The steps in the columns of JMeter's Summary Report (the report's figures 6.13 and 6.14), so
/// a run lines up with those tables: times in ms, throughput per second, KB/sec, bytes per sample.
/// Unlike JMeter, the times are of the successful samples only; Error % counts the failed ones.
/// </summary>
public static class JMeterSummaryCsv
{
    public static readonly string[] Columns =
        ["Label", "# Samples", "Average", "Min", "Max", "Std. Dev.", "Error %", "Throughput", "Received KB/sec", "Sent KB/sec", "Avg. Bytes"];

    public static string Render(LoadResult result)
    {
        var seconds = Math.Max(result.MeasuredDuration.TotalSeconds, 1e-9);
        var lines = new List<string> { Csv.Line(Columns) };
        lines.AddRange(result.Steps.Append(result.Total).Select(s => Csv.Line(
            s.Name,
            s.Requests,
            Math.Round(s.Latency.MeanMs),
            Math.Round(s.Latency.MinMs),
            Math.Round(s.Latency.MaxMs),
            Math.Round(s.Latency.StdDevMs, 2),
            (s.ErrorRate * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
            Math.Round(s.Rps, 5),
            Math.Round(s.BytesReceived / 1024.0 / seconds, 2),
            Math.Round(s.BytesSent / 1024.0 / seconds, 2),
            Math.Round(s.Requests == 0 ? 0 : (double)s.BytesReceived / s.Requests, 1))));
        return string.Join('\n', lines) + "\n";
    }
}
