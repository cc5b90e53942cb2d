using System.Text;
using Spectre.Console;

namespace Mooc.Build;

/// <summary>The table every run ends with: each target, its status and duration, and what it reported.</summary>
public static class BuildSummary
{
    public static void Write(IReadOnlyList<ExecutableTarget> plan, TimeSpan total)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Build summary");
        table.AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned()).AddColumn("Details");
        foreach (var target in plan)
            table.AddRow(Markup.Escape(target.Name), StatusMarkup(target.Status), Duration(target), Markup.Escape(Details(target)));
        table.AddRow("[bold]Total[/]", "", Markup.Escape(FormatDuration(total)), "");
        AnsiConsole.Write(table);
        GitHubActions.AppendStepSummary(Markdown(plan, total));
    }

    public static string Markdown(IReadOnlyList<ExecutableTarget> plan, TimeSpan total)
    {
        var md = new StringBuilder("| Target | Status | Duration | Details |\n|---|---|---:|---|\n");
        foreach (var target in plan)
            md.Append($"| {target.Name} | {target.Status} | {Duration(target)} | {Details(target).Replace("|", "\\|")} |\n");
        md.Append($"| **Total** | | {FormatDuration(total)} | |\n");
        return md.ToString();
    }

    static string Details(ExecutableTarget target) =>
        target.Status == TargetStatus.Skipped ? target.SkipReason ?? ""
        : target.Status == TargetStatus.Failed ? target.Failure ?? ""
        : string.Join(", ", target.SummaryPairs.Select(p => $"{p.Key}: {p.Value}"));

    static string Duration(ExecutableTarget target) =>
        target.Status is TargetStatus.Succeeded or TargetStatus.Failed ? FormatDuration(target.Duration) : "";

    public static string FormatDuration(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.0} s" : $"{(int)span.TotalMinutes}:{span.Seconds:00} min";

    static string StatusMarkup(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded => "[green]Succeeded[/]",
        TargetStatus.Failed => "[red]Failed[/]",
        TargetStatus.Skipped => "[grey]Skipped[/]",
        _ => "[yellow]NotRun[/]",
    };
}
