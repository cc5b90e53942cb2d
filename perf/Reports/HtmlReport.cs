using System.Net;
using System.Text;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Reports;

/// <summary>One self-contained HTML page (charts embedded as base64 PNG, no scripts or links), so it opens offline.</summary>
public static class HtmlReport
{
    public static string Render(LoadResult result, IReadOnlyList<ThresholdResult> thresholds)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>Load test: {E(result.ScenarioName)}</title>");
        html.AppendLine("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}" +
                        "td{text-align:right}td:first-child{text-align:left}.pass{color:#080}.fail{color:#b00;font-weight:bold}</style></head><body>");
        html.AppendLine($"<h1>Load test: {E(result.ScenarioName)}</h1>");
        html.AppendLine($"<p>{E(SummaryRows.Headline(result))}. Started {result.StartedAt:u}.</p>");
        if (result.StoppedEarly is { } stopped)
        {
            html.AppendLine($"<p class=\"fail\">{E(stopped)}</p>");
        }
        if (thresholds.Count > 0)
        {
            html.AppendLine("<h2>Thresholds</h2><ul>");
            foreach (var t in thresholds)
            {
                html.AppendLine($"<li class=\"{(t.Passed ? "pass" : "fail")}\">{(t.Passed ? "passed" : "breached")} {E(t.Threshold.ToString())}: {E(t.Message)}</li>");
            }
            html.AppendLine("</ul>");
        }
        html.AppendLine("<h2>Steps</h2>");
        AppendTable(html, SummaryRows.Header, SummaryRows.Rows(result));
        html.AppendLine($"<p>{E(SummaryRows.LatencyNote)}</p>");
        var failures = SummaryRows.FailureLines(result).ToList();
        if (failures.Count > 0)
        {
            html.AppendLine("<h2>Failures</h2>");
            AppendTable(html, SummaryRows.FailedHeader, SummaryRows.FailedRows(result));
            html.AppendLine("<pre>" + E(string.Join('\n', failures)) + "</pre>");
        }
        html.AppendLine("<h2>Over time</h2>");
        foreach (var (name, png) in new[] { ("latency", Charts.LatencyPercentiles(result)), ("throughput", Charts.Throughput(result)), ("errors", Charts.Errors(result)) })
        {
            html.AppendLine($"<p><img alt=\"{name} over time\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"></p>");
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, string[] header, IEnumerable<string[]> rows)
    {
        html.AppendLine("<table><tr>" + string.Concat(header.Select(h => $"<th>{E(h)}</th>")) + "</tr>");
        foreach (var row in rows)
        {
            html.AppendLine("<tr>" + string.Concat(row.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
        }
        html.AppendLine("</table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
