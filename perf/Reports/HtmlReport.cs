using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>The load test's HTML report: headline, thresholds, the step table, the failures and the charts over time.</summary>
public static class HtmlReport
{
    public static string Render(LoadResult result, IReadOnlyList<ThresholdResult> thresholds)
    {
        var page = new HtmlPage($"Load test: {result.ScenarioName}")
            .Paragraph($"{SummaryRows.Headline(result)}. Started {result.StartedAt:u}.");
        if (result.StoppedEarly is { } stopped)
        {
            page.Paragraph(stopped, verdict: false);
        }
        if (thresholds.Count > 0)
        {
            page.Heading("Thresholds")
                .Verdicts(thresholds.Select(t => (t.Passed, $"{(t.Passed ? "passed" : "breached")} {t.Threshold}: {t.Message}")));
        }
        page.Heading("Steps")
            .Table(SummaryRows.Header, SummaryRows.Rows(result))
            .Paragraph(SummaryRows.LatencyNote);
        var failures = SummaryRows.FailureLines(result).ToList();
        if (failures.Count > 0)
        {
            page.Heading("Failures")
                .Table(SummaryRows.FailedHeader, SummaryRows.FailedRows(result))
                .Preformatted(string.Join('\n', failures));
        }
        return page.Heading("Over time")
            .Chart("latency over time", Charts.LatencyPercentiles(result))
            .Chart("throughput over time", Charts.Throughput(result))
            .Chart("errors over time", Charts.Errors(result))
            .ToString();
    }
}
