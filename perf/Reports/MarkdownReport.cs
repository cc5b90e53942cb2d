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
        if (thresholds.Count > 0)
        {
            text.AppendLine("### Thresholds").AppendLine();
            foreach (var t in thresholds)
            {
                text.AppendLine($"- {(t.Passed ? "✅ passed" : "❌ **breached**")} `{t.Threshold}`: {t.Message}");
            }
            text.AppendLine();
        }
        text.AppendLine("| " + string.Join(" | ", SummaryRows.Header) + " |");
        text.AppendLine("|" + string.Concat(SummaryRows.Header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in SummaryRows.Rows(result))
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
        }
        var failures = SummaryRows.FailureLines(result).ToList();
        if (failures.Count > 0)
        {
            text.AppendLine().AppendLine("### Failures").AppendLine().AppendLine("```");
            failures.ForEach(line => text.AppendLine(line));
            text.AppendLine("```");
        }
        return text.ToString();
    }
}
