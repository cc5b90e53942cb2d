using ScottPlot;

namespace Mooc.Perf.Fault;

/// <summary>One second of a fault test: requests ended, of which failed, and the service's readiness at its end.</summary>
public sealed record SecondSample(TimeSpan Start, int Requests, int Failed, int Ready, int Expected);

/// <summary>The fault test's timeline chart as PNG: requests and errors per second, ready replicas, the fault and the recovery marked.</summary>
public static class FaultChart
{
    private const int Width = 900;
    private const int Height = 400;

    public static IReadOnlyList<SecondSample> Seconds(FaultTimeline timeline)
    {
        var seconds = new List<SecondSample>();
        for (var start = TimeSpan.Zero; start < timeline.LoadEnd; start += TimeSpan.FromSeconds(1))
        {
            var end = start + TimeSpan.FromSeconds(1);
            var requests = timeline.Requests.Where(r => r.End >= start && r.End < end).ToList();
            var readiness = timeline.Readiness.LastOrDefault(s => s.At < end)?.Readiness;
            seconds.Add(new SecondSample(start, requests.Count, requests.Count(r => r.Response.IsError), readiness?.Ready ?? 0, readiness?.Expected ?? 0));
        }
        return seconds;
    }

    public static byte[] Timeline(FaultTimeline timeline)
    {
        var seconds = Seconds(timeline);
        var x = seconds.Select(s => s.Start.TotalSeconds).ToArray();
        var plot = new Plot();
        plot.Title("Requests, errors and readiness over time");
        plot.XLabel("time since the load started (s)");
        plot.YLabel("requests per second");
        var requests = plot.Add.Scatter(x, seconds.Select(s => (double)s.Requests).ToArray());
        requests.LegendText = "requests";
        if (seconds.Any(s => s.Failed > 0))
        {
            var failed = plot.Add.Bars(x, seconds.Select(s => (double)s.Failed).ToArray());
            failed.Color = Colors.Red;
            failed.LegendText = "failed";
        }
        var ready = plot.Add.Scatter(timeline.Readiness.Select(s => s.At.TotalSeconds).ToArray(), timeline.Readiness.Select(s => (double)s.Readiness.Ready).ToArray());
        ready.ConnectStyle = ConnectStyle.StepHorizontal;
        ready.MarkerSize = 0;
        ready.LineWidth = 2;
        ready.Color = Colors.Green;
        ready.LegendText = "ready replicas (right axis)";
        ready.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "ready replicas";
        var expected = timeline.Readiness.Count == 0 ? 1 : timeline.Readiness.Max(s => s.Readiness.Expected);
        plot.Axes.SetLimitsY(0, expected + 0.5, plot.Axes.Right);
        var fault = plot.Add.VerticalLine(timeline.Fault.TotalSeconds);
        fault.Color = Colors.Red;
        fault.LinePattern = LinePattern.Dashed;
        fault.LegendText = "fault";
        if (timeline.MeasureFrom > TimeSpan.Zero)
        {
            var measured = plot.Add.VerticalLine(timeline.MeasureFrom.TotalSeconds);
            measured.Color = Colors.Gray;
            measured.LinePattern = LinePattern.Dotted;
            measured.LegendText = "end of warm-up";
        }
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
