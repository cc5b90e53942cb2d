using System.Net;
using System.Text;

namespace Mooc.Perf.Reports;

/// <summary>
/// The page code of every HTML report: one self-contained page (style inline, charts embedded as base64 PNG,
/// no scripts or links), so it opens offline. Every text given is HTML-encoded; the page is built in place.
/// </summary>
internal sealed class HtmlPage
{
    private const string Style = "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"
                                 + "td{text-align:right}td:first-child{text-align:left}.pass{color:#080}.fail{color:#b00;font-weight:bold}</style>";

    private readonly StringBuilder _html = new();

    public HtmlPage(string title)
    {
        _html.AppendLine($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>");
        _html.AppendLine(Style + "</head><body>");
        _html.AppendLine($"<h1>{E(title)}</h1>");
    }

    public HtmlPage Heading(string text) => Line($"<h2>{E(text)}</h2>");

    /// <param name="verdict">null for plain text; true or false shows it as passed or failed.</param>
    public HtmlPage Paragraph(string text, bool? verdict = null) => Line($"<p{Class(verdict)}>{E(text)}</p>");

    /// <summary>A list whose items are each shown as passed or failed.</summary>
    public HtmlPage Verdicts(IEnumerable<(bool Passed, string Text)> items) =>
        Line("<ul>" + string.Concat(items.Select(i => $"<li{Class(i.Passed)}>{E(i.Text)}</li>")) + "</ul>");

    /// <summary>The first column reads left-aligned as the row's name, the others right-aligned as figures.</summary>
    public HtmlPage Table(string[] header, IEnumerable<string[]> rows)
    {
        _html.AppendLine("<table><tr>" + string.Concat(header.Select(h => $"<th>{E(h)}</th>")) + "</tr>");
        foreach (var row in rows)
        {
            _html.AppendLine("<tr>" + string.Concat(row.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
        }
        return Line("</table>");
    }

    public HtmlPage Chart(string description, byte[] png) =>
        Line($"<p><img alt=\"{E(description)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"></p>");

    public HtmlPage Preformatted(string text) => Line($"<pre>{E(text)}</pre>");

    public override string ToString() => _html + "</body></html>" + Environment.NewLine;

    private HtmlPage Line(string html)
    {
        _html.AppendLine(html);
        return this;
    }

    private static string Class(bool? verdict) => verdict switch
    {
        true => " class=\"pass\"",
        false => " class=\"fail\"",
        null => "",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
