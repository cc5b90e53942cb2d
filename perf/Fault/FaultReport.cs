using System.Text;
using Mooc.Perf.Learner;
using Mooc.Perf.Reports;

namespace Mooc.Perf.Fault;

/// <summary>The fault test's reports: fault.md (also the GitHub step summary) and fault.html with the timeline chart, next to the load tests' reports.</summary>
public static class FaultReport
{
    public static async Task WriteAsync(FaultTestOutcome outcome, FaultTestOptions options, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(options.ResultsDirectory);
        var markdown = Markdown(outcome, options, target);
        await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, "fault.md"), markdown, ct);
        await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, "fault.html"), Html(outcome, options, target), ct);
        await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, "timeline.csv"), TimelineCsv(outcome.Timeline), ct);
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            await File.AppendAllTextAsync(stepSummary, markdown + "\n", ct);
        }
    }

    public static string KindName(WriteKind kind) => kind switch
    {
        WriteKind.Enrollment => "enrollment",
        WriteKind.GradedSubmission => "graded submission",
        _ => kind.ToString(),
    };

    public static string Markdown(FaultTestOutcome outcome, FaultTestOptions options, string target)
    {
        var text = new StringBuilder();
        text.AppendLine("## Fault test").AppendLine();
        text.AppendLine($"{Headline(outcome, options, target)}").AppendLine();
        text.AppendLine(outcome.Passed ? "✅ **passed**" : "❌ **failed**: " + string.Join("; ", outcome.Breaches)).AppendLine();
        MarkdownTable.Append(text, ["Measure", "Value"], Rows(outcome, options));
        text.AppendLine().AppendLine("### Latency of successful requests").AppendLine();
        MarkdownTable.Append(text, PhaseHeader, PhaseRows(outcome.Figures));
        text.AppendLine().AppendLine("### Acknowledged writes").AppendLine();
        MarkdownTable.Append(text, ["Write", "Acknowledged (200)", "Found in the database"], WriteRows(outcome.Writes));
        if (outcome.Figures.FailedInWindow.Count > 0)
        {
            text.AppendLine().AppendLine("### Failed requests from the fault to the recovery").AppendLine();
            MarkdownTable.Append(text, ["Kind", "Step", "Count", "Example"], FailureRows(outcome.Figures));
        }
        return text.ToString();
    }

    private static string Headline(FaultTestOutcome outcome, FaultTestOptions options, string target) =>
        $"{target}: {outcome.Timeline.FaultDescription}, {outcome.Timeline.Fault.TotalSeconds:0.0} s into the load "
        + $"({options.Rate:0.##} learners/s, {options.WarmUp.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured; "
        + $"{outcome.Load.Total.Requests} requests, {outcome.Load.Total.Failed} failed). Started {outcome.Load.StartedAt:u}.";

    private static IEnumerable<string[]> Rows(FaultTestOutcome outcome, FaultTestOptions options)
    {
        var f = outcome.Figures;
        yield return ["error rate before the fault", $"{f.BaselineErrorRate * 100:0.##}%"];
        yield return ["first failed request after the fault", FaultTestOutcome.Seconds(f.FirstFailure, "none")];
        yield return ["service ready again (the replacement ready)", FaultTestOutcome.Seconds(f.ReadyAgain, "not within the run")];
        yield return ["error rate back to its level before the fault", FaultTestOutcome.Seconds(f.ErrorsBack, "not within the run")];
        yield return ["recovery (the later of the two)", FaultTestOutcome.Seconds(f.Recovery, "not within the run") + $" (limit {options.MaxRecovery.TotalSeconds:0.#} s)"];
        yield return ["failed requests from the fault to the recovery", $"{f.FailedRequests} (limit {options.MaxFailedRequests})"];
        yield return ["acknowledged writes missing", $"{outcome.Writes.Missing.Count} (limit 0)"];
    }

    private static readonly string[] PhaseHeader = ["Phase", "From (s)", "To (s)", "Ok", "Failed", "p50 ms", "p95 ms", "p99 ms", "max ms"];

    private static IEnumerable<string[]> PhaseRows(RecoveryFigures figures) =>
        figures.Phases.Select(p => new[]
        {
            p.Name, $"{p.From.TotalSeconds:0.0}", $"{p.To.TotalSeconds:0.0}", p.Ok.ToString(), p.Failed.ToString(),
            $"{p.P50Ms:0}", $"{p.P95Ms:0}", $"{p.P99Ms:0}", $"{p.MaxMs:0}",
        });

    private static IEnumerable<string[]> WriteRows(WriteCheck writes) =>
        writes.Counts.Select(c => new[] { KindName(c.Kind) + "s", c.Acknowledged.ToString(), c.Found.ToString() })
            .Concat(writes.Missing.Take(10).Select(m => new[] { "missing", m.ToString(), "" }));

    private static IEnumerable<string[]> FailureRows(RecoveryFigures figures) =>
        figures.FailedInWindow.Select(g => new[] { g.Kind.ToString(), g.Step, g.Count.ToString(), g.Example.Length > 120 ? g.Example[..120] + "…" : g.Example });

    private static string Html(FaultTestOutcome outcome, FaultTestOptions options, string target)
    {
        var page = new HtmlPage("Fault test")
            .Paragraph(Headline(outcome, options, target))
            .Paragraph(outcome.Passed ? "passed" : "failed: " + string.Join("; ", outcome.Breaches), verdict: outcome.Passed)
            .Table(["Measure", "Value"], Rows(outcome, options))
            .Chart("requests, errors and readiness over time", FaultChart.Timeline(outcome.Timeline))
            .Heading("Latency of successful requests")
            .Table(PhaseHeader, PhaseRows(outcome.Figures))
            .Heading("Acknowledged writes")
            .Table(["Write", "Acknowledged (200)", "Found in the database"], WriteRows(outcome.Writes));
        if (outcome.Figures.FailedInWindow.Count > 0)
        {
            page.Heading("Failed requests from the fault to the recovery")
                .Table(["Kind", "Step", "Count", "Example"], FailureRows(outcome.Figures));
        }
        return page.Heading("Steps")
            .Table(SummaryRows.Header, SummaryRows.Rows(outcome.Load))
            .ToString();
    }

    private static string TimelineCsv(FaultTimeline timeline)
    {
        var csv = new StringBuilder("second,requests,failed,ready,expected\n");
        foreach (var second in FaultChart.Seconds(timeline))
        {
            csv.AppendLine($"{second.Start.TotalSeconds:0},{second.Requests},{second.Failed},{second.Ready},{second.Expected}");
        }
        return csv.ToString();
    }
}
