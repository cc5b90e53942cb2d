using System.Text;

namespace Mooc.Perf.Reports;

/// <summary>A GitHub Markdown table: the first column left-aligned as the row's name, the others right-aligned as figures; a cell's pipes escaped and line breaks flattened so it stays one row.</summary>
internal static class MarkdownTable
{
    public static void Append(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|").Replace("\n", " "))) + " |");
        }
    }
}
