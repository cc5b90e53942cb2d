using System.Net;
using System.Text;

namespace Mooc.Build;

/// <summary>
/// --plan: the execution order as text, and the whole graph in an HTML page that opens offline:
/// the picture is inline SVG, the Mermaid text is kept below it for pasting into Markdown.
/// </summary>
public static class PlanWriter
{
    public static string Write(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<PlannedTarget> plan, string directory)
    {
        Log.Info("Execution plan:");
        for (var i = 0; i < plan.Count; i++)
        {
            var (target, skip) = plan[i];
            Log.Info($"  {i + 1}. {target.Name}" + (skip is null ? "" : $"  (skipped: {skip})"));
        }
        var path = Path.Combine(directory, "plan.html");
        File.WriteAllText(path, Html(PlanSvg.Render(targets, plan), Mermaid(targets, plan)));
        Log.Info($"Graph: {path}");
        return path;
    }

    public static string Mermaid(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<PlannedTarget> plan)
    {
        var planned = plan.ToDictionary(p => p.Target.Name, p => p.SkipReason is null);
        var graph = new StringBuilder("graph LR\n");
        foreach (var target in targets) graph.Append($"  {target.Name}[\"{target.Name}\"]\n");
        foreach (var edge in PlanSvg.Edges(targets))
            graph.Append(edge.Relation == "DependsOn"
                ? $"  {edge.From} --> {edge.To}\n"
                : $"  {edge.From} -. {edge.Relation.ToLowerInvariant()} .-> {edge.To}\n");
        graph.Append("  classDef run fill:#cfe8cf,stroke:#2e7d32;\n  classDef skipped fill:#eeeeee,stroke:#9e9e9e,stroke-dasharray: 4;\n");
        foreach (var (name, runs) in planned) graph.Append($"  class {name} {(runs ? "run" : "skipped")};\n");
        return graph.ToString();
    }

    static string Html(string svg, string mermaid) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Build plan</title>
        <style>body{font-family:sans-serif;margin:1.5em}pre{background:#f5f5f5;padding:1em}</style></head>
        <body>
        <h1>Build plan</h1>
        {{svg}}
        <details><summary>Mermaid source (for Markdown, e.g. a GitHub comment)</summary>
        <pre>
        {{WebUtility.HtmlEncode(mermaid)}}
        </pre></details>
        </body></html>
        """;
}
