using Spectre.Console;

namespace Mooc.Platform.Cluster.Preflight;

/// <summary>The checks as one table: check, result, what was found, the fix.</summary>
public static class PreflightTable
{
    public static void Write(IReadOnlyList<PreflightCheck> checks, string title)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }
            .AddColumns("check", "result", "detail", "fix");
        foreach (var check in checks)
            table.AddRow(
                new Text(check.Name),
                new Markup(check.Result switch
                {
                    CheckResult.Passed => "[green]passed[/]",
                    CheckResult.Warned => "[yellow]warned[/]",
                    _ => "[red]failed[/]",
                }),
                new Text(check.Detail),
                new Text(check.Fix ?? ""));
        AnsiConsole.Write(table);
    }
}
