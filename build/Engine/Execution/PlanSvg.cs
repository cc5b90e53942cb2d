using System.Globalization;
using System.Net;
using System.Text;
using static System.FormattableString;

namespace Mooc.Build;

/// <summary>
/// The target graph as one self-contained SVG, so the plan page opens on a machine without network:
/// targets in columns by how many must come before them, edges styled by relation, the plan's
/// targets numbered in their order, skipped ones grey and dashed.
/// </summary>
public static class PlanSvg
{
    const int NodeHeight = 40, ColumnGap = 70, RowGap = 44, Margin = 20, CharWidth = 8, LegendHeight = 110, ArcPerColumn = 14, Parallel = 6;

    /// <summary>An arrow of the graph; <see cref="Relation"/> is DependsOn, Triggers, After or Before.</summary>
    public sealed record Edge(string From, string To, string Relation);

    static readonly Dictionary<string, (string Stroke, string Dash, string Meaning)> Styles = new()
    {
        ["DependsOn"] = ("#37474f", "", "DependsOn: runs first, and is pulled into the plan"),
        ["Triggers"] = ("#1565c0", "8 4", "Triggers: runs after, and is pulled into the plan"),
        ["After"] = ("#8d6e63", "2 4", "After / Before: order only, when both are in the plan"),
        ["Before"] = ("#8d6e63", "2 4", ""),
    };

    /// <summary>Every relation as an arrow pointing the way the targets run: from the earlier to the later.</summary>
    public static IReadOnlyList<Edge> Edges(IReadOnlyList<ExecutableTarget> targets) =>
        targets.SelectMany(t =>
            t.DependsOn.Select(d => new Edge(d, t.Name, "DependsOn"))
                .Concat(t.Triggers.Select(x => new Edge(t.Name, x, "Triggers")))
                .Concat(t.After.Select(a => new Edge(a, t.Name, "After")))
                .Concat(t.Before.Select(b => new Edge(t.Name, b, "Before"))))
            .ToList();

    public static string Render(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<PlannedTarget> plan)
    {
        var edges = Edges(targets);
        var column = Columns(targets.Select(t => t.Name).ToList(), edges);
        var order = plan.Select((p, i) => (p.Target.Name, Index: i + 1, p.SkipReason)).ToDictionary(p => p.Name);
        var width = targets.Max(t => Label(t.Name, order).Length) * CharWidth + 24;
        // Arrows that skip columns arc over the row, higher the more they skip: room for the highest above the first row.
        var top = Margin + ArcPerColumn * edges.Select(e => column[e.To] - column[e.From]).DefaultIfEmpty(0).Max();
        var positions = new Dictionary<string, (double X, double Y)>();
        foreach (var group in targets.GroupBy(t => column[t.Name]).OrderBy(g => g.Key))
        {
            foreach (var (target, row) in group.OrderBy(t => t.DeclarationIndex).Select((t, i) => (t, i)))
                positions[target.Name] = (Margin + group.Key * (width + ColumnGap), top + row * (NodeHeight + RowGap));
        }
        var svgWidth = Math.Max(positions.Values.Max(p => p.X) + width + Margin, 560);
        var graphHeight = positions.Values.Max(p => p.Y) + NodeHeight + Margin;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg width=\"{svgWidth}\" height=\"{graphHeight + LegendHeight}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append("<defs>");
        foreach (var (relation, style) in Styles)
            svg.Append($"<marker id=\"arrow-{relation}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{style.Stroke}\"/></marker>");
        svg.Append("</defs>\n");
        // Two relations between the same targets (Triggers and After, say) are drawn side by side, not on top of each other.
        foreach (var pair in edges.GroupBy(e => (e.From, e.To)))
        {
            foreach (var (edge, k) in pair.Select((e, k) => (e, k)))
                AppendEdge(svg, edge, positions[edge.From], positions[edge.To], column[edge.To] - column[edge.From], width, (k - (pair.Count() - 1) / 2.0) * Parallel);
        }
        foreach (var target in targets)
            AppendNode(svg, target, positions[target.Name], width, order);
        AppendLegend(svg, graphHeight);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Longest path from a target nothing precedes; a cycle (refused by the planner) cannot loop here, depth stops at the target count.</summary>
    static Dictionary<string, int> Columns(IReadOnlyList<string> names, IReadOnlyList<Edge> edges)
    {
        var column = names.ToDictionary(n => n, _ => 0);
        for (var pass = 0; pass < names.Count; pass++)
        {
            var changed = false;
            foreach (var edge in edges.Where(e => column.ContainsKey(e.From) && column.ContainsKey(e.To)))
            {
                if (column[edge.To] > column[edge.From]) continue;
                column[edge.To] = column[edge.From] + 1;
                changed = true;
            }
            if (!changed) break;
        }
        return column;
    }

    static string Label(string name, IReadOnlyDictionary<string, (string Name, int Index, string? SkipReason)> order) =>
        order.TryGetValue(name, out var planned) ? $"{planned.Index}. {name}" : name;

    static void AppendNode(StringBuilder svg, ExecutableTarget target, (double X, double Y) at, int width,
        IReadOnlyDictionary<string, (string Name, int Index, string? SkipReason)> order)
    {
        var (fill, stroke, dash, state) = order.TryGetValue(target.Name, out var planned)
            ? planned.SkipReason is null ? ("#c8e6c9", "#2e7d32", "", "run") : ("#eeeeee", "#9e9e9e", "5 3", "skipped")
            : ("#ffffff", "#b0bec5", "", "not-planned");
        var tooltip = target.Name + (target.Description is { Length: > 0 } d ? $": {d}" : "")
            + (state == "skipped" ? $" (skipped: {planned.SkipReason})" : state == "not-planned" ? " (not in this plan)" : "");
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"target {state}\" data-target=\"{E(target.Name)}\"><title>{E(tooltip)}</title>" +
            $"<rect x=\"{at.X}\" y=\"{at.Y}\" width=\"{width}\" height=\"{NodeHeight}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\" stroke-dasharray=\"{dash}\"/>" +
            $"<text x=\"{at.X + width / 2.0}\" y=\"{at.Y + NodeHeight / 2.0 + 4.5}\" text-anchor=\"middle\" fill=\"{(state == "run" ? "#1b1b1b" : "#616161")}\">{E(Label(target.Name, order))}</text></g>\n");
    }

    static void AppendEdge(StringBuilder svg, Edge edge, (double X, double Y) from, (double X, double Y) to, int span, int width, double offset)
    {
        var style = Styles[edge.Relation];
        string path;
        if (span == 1 && from.Y == to.Y)
        {
            var (x1, x2, y) = (from.X + width, to.X, from.Y + NodeHeight / 2.0 + offset);
            path = Invariant($"M{x1},{y} L{x2},{y}");
        }
        else if (span == 1)
        {
            var (x1, y1, x2, y2) = (from.X + width, from.Y + NodeHeight / 2.0 + offset, to.X, to.Y + NodeHeight / 2.0 + offset);
            path = Invariant($"M{x1},{y1} C{x1 + ColumnGap / 2.0},{y1} {x2 - ColumnGap / 2.0},{y2} {x2},{y2}");
        }
        else
        {
            // Over the targets in between: from the source's top to the target's top.
            var (x1, x2) = (from.X + width * 0.7 + offset, to.X + width * 0.3 + offset);
            var (y1, y2) = (from.Y, to.Y);
            var crest = Math.Min(y1, y2) - ArcPerColumn * Math.Max(1, Math.Abs(span));
            path = Invariant($"M{x1},{y1} C{x1},{crest} {x2},{crest} {x2},{y2}");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<path class=\"edge {edge.Relation}\" data-from=\"{E(edge.From)}\" data-to=\"{E(edge.To)}\" d=\"{path}\" fill=\"none\" stroke=\"{style.Stroke}\" stroke-width=\"1.6\" " +
            $"stroke-dasharray=\"{style.Dash}\" marker-end=\"url(#arrow-{edge.Relation})\"><title>{E($"{edge.From} {edge.Relation} -> {edge.To}")}</title></path>\n");
    }

    static void AppendLegend(StringBuilder svg, double top)
    {
        var y = top + 8;
        foreach (var style in Styles.Values.Where(s => s.Meaning.Length > 0))
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Margin}\" y1=\"{y}\" x2=\"{Margin + 50}\" y2=\"{y}\" stroke=\"{style.Stroke}\" stroke-width=\"1.6\" stroke-dasharray=\"{style.Dash}\"/>" +
                $"<text x=\"{Margin + 60}\" y=\"{y + 4}\">{E(style.Meaning)}</text>\n");
            y += 20;
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Margin}\" y=\"{y + 12}\">Green: runs, numbered in order. Grey, dashed: skipped. White: not in this plan.</text>\n");
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
