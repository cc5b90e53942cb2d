using Mooc.Perf.Engine;
using Spectre.Console;

namespace Mooc.Perf.Reports;

/// <summary>The step table and threshold verdicts on the console.</summary>
public static class ConsoleReport
{
    public static void Write(LoadResult result, IReadOnlyList<ThresholdResult> thresholds, IAnsiConsole? console = null)
    {
        console ??= DefaultConsole();
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(result.ScenarioName));
        console.Write(Table(table, SummaryRows.Header, SummaryRows.Rows(result)));
        console.WriteLine(SummaryRows.LatencyNote);
        var failed = SummaryRows.FailedRows(result).ToList();
        if (failed.Count > 0)
        {
            console.Write(Table(new Table().Border(TableBorder.Rounded).Title("failed requests"), SummaryRows.FailedHeader, failed));
        }
        console.WriteLine(SummaryRows.Headline(result));
        if (result.StoppedEarly is { } stopped)
        {
            console.MarkupLine($"[red bold]{Markup.Escape(stopped)}[/]");
        }
        foreach (var line in SummaryRows.FailureLines(result))
        {
            console.MarkupLine($"[red]{Markup.Escape(line)}[/]");
        }
        foreach (var t in thresholds)
        {
            console.MarkupLine(t.Passed ? $"[green]{Markup.Escape(t.ToString())}[/]" : $"[red]{Markup.Escape(t.ToString())}[/]");
        }
    }

    private static Table Table(Table table, string[] header, IEnumerable<string[]> rows)
    {
        foreach (var (name, i) in header.Select((h, i) => (h, i)))
        {
            table.AddColumn(i == 0 ? new TableColumn(name) : new TableColumn(name).RightAligned());
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        return table;
    }

    // Redirected output (CI logs, the build's child output) has no width; Spectre would assume 80
    // columns and wrap every cell. A log has room for the whole table.
    private static IAnsiConsole DefaultConsole()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = 200;
        return console;
    }
}
