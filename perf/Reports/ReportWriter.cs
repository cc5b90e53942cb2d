using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>Writes every report of a run into its results folder and, under GitHub Actions, the step summary.</summary>
public static class ReportWriter
{
    public static async Task<ReportPaths> WriteAsync(LoadResult result, IReadOnlyList<ThresholdResult> thresholds, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var paths = new ReportPaths(Path.GetFullPath(directory),
            Path.GetFullPath(Path.Combine(directory, "summary.md")),
            Path.GetFullPath(Path.Combine(directory, "summary.csv")),
            Path.GetFullPath(Path.Combine(directory, "intervals.csv")),
            Path.GetFullPath(Path.Combine(directory, "report.html")));
        var markdown = MarkdownReport.Render(result, thresholds);
        await File.WriteAllTextAsync(paths.Markdown, markdown, ct);
        await File.WriteAllTextAsync(paths.JMeterCsv, JMeterSummaryCsv.Render(result), ct);
        await File.WriteAllTextAsync(paths.IntervalsCsv, IntervalsCsv.Render(result), ct);
        await File.WriteAllTextAsync(paths.Html, HtmlReport.Render(result, thresholds), ct);
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            await File.AppendAllTextAsync(stepSummary, markdown + "\n", ct);
        }
        return paths;
    }
}
