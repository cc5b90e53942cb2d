using System.Text;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>The run as Markdown: headline, thresholds, the step table and the failures (also the GitHub step summary).</summary>
public static class MarkdownReport
{
    public static string Render(LoadResult result, IReadOnlyList<ThresholdResult> thresholds)
    {
        var text = new StringBuilder();
        text.AppendLine($"## Load test: {result.ScenarioName}").AppendLine();
        text.AppendLine(SummaryRows.Headline(result)).AppendLine();
        if (result.StoppedEarly is { } stopped)
        {
            text.AppendLine($"❌ **{stopped}**").AppendLine();
        }
        if (thresholds.Count > 0)
        {
            text.AppendLine("### Thresholds").AppendLine();
            foreach (var t in thresholds)
            {
                text.AppendLine($"- {(t.Passed ? "✅ passed" : "❌ **breached**")} `{t.Threshold}`: {t.Message}");
            }
            text.AppendLine();
        }
        MarkdownTable.Append(text, SummaryRows.Header, SummaryRows.Rows(result));
        text.AppendLine().AppendLine(SummaryRows.LatencyNote);
        var failures = SummaryRows.FailureLines(result).ToList();
        if (failures.Count > 0)
        {
            text.AppendLine().AppendLine("### Failures").AppendLine();
            MarkdownTable.Append(text, SummaryRows.FailedHeader, SummaryRows.FailedRows(result));
            text.AppendLine().AppendLine("```");
            failures.ForEach(line => text.AppendLine(line));
            text.AppendLine("```");
        }
        return text.ToString();
    }
}
