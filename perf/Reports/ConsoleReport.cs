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
        foreach (var (header, i) in SummaryRows.Header.Select((h, i) => (h, i)))
        {
            table.AddColumn(i == 0 ? new TableColumn(header) : new TableColumn(header).RightAligned());
        }
        foreach (var row in SummaryRows.Rows(result))
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
        console.WriteLine(SummaryRows.Headline(result));
        foreach (var line in SummaryRows.FailureLines(result))
        {
            console.MarkupLine($"[red]{Markup.Escape(line)}[/]");
        }
        foreach (var t in thresholds)
        {
            console.MarkupLine(t.Passed ? $"[green]{Markup.Escape(t.ToString())}[/]" : $"[red]{Markup.Escape(t.ToString())}[/]");
        }
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
