using Mooc.Perf.Engine;
using ScottPlot;

namespace Mooc.Perf.Reports;

/// <summary>The three charts of the HTML report as PNG bytes: latency percentiles, throughput and errors over time.</summary>
internal static class Charts
{
    private const int Width = 900;
    private const int Height = 360;

    public static byte[] LatencyPercentiles(LoadResult result)
    {
        var plot = NewPlot("Latency percentiles over time (successful requests, all steps)", "latency (ms)");
        var samples = result.Total.Intervals.Where(s => s.Ok > 0).ToArray();
        var seconds = Seconds(samples);
        foreach (var (label, select) in new (string, Func<IntervalSample, double>)[]
                 { ("p50", s => s.P50Ms), ("p90", s => s.P90Ms), ("p95", s => s.P95Ms), ("p99", s => s.P99Ms), ("max", s => s.MaxMs) })
        {
            var line = plot.Add.Scatter(seconds, samples.Select(select).ToArray());
            line.LegendText = label;
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot);
    }

    public static byte[] Throughput(LoadResult result)
    {
        var plot = NewPlot("Requests per second over time", "requests/s");
        var interval = result.ReportingInterval.TotalSeconds;
        var total = plot.Add.Scatter(Seconds(result.Total.Intervals), result.Total.Intervals.Select(s => s.Requests / interval).ToArray());
        total.LegendText = "all requests";
        var ok = plot.Add.Scatter(Seconds(result.Total.Intervals), result.Total.Intervals.Select(s => s.Ok / interval).ToArray());
        ok.LegendText = "ok";
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot);
    }

    public static byte[] Errors(LoadResult result)
    {
        var plot = NewPlot("Failed requests per interval", "failed requests");
        var samples = result.Total.Intervals;
        if (samples.Count > 0)
        {
            var bars = plot.Add.Bars(Seconds(samples), samples.Select(s => (double)s.Failed).ToArray());
            bars.Color = Colors.Red;
        }
        plot.Axes.SetLimitsY(0, Math.Max(1, samples.Count == 0 ? 1 : samples.Max(s => s.Failed) * 1.1));
        return Png(plot);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("time since warm-up (s)");
        plot.YLabel(yLabel);
        return plot;
    }

    private static double[] Seconds(IReadOnlyList<IntervalSample> samples) => samples.Select(s => s.Start.TotalSeconds).ToArray();

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
