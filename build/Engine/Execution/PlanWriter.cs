using System.Net;
using System.Text;

namespace Mooc.Build;

/// <summary>--plan: the execution order as text, and the whole graph as a Mermaid picture in an HTML page.</summary>
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
        File.WriteAllText(path, Html(Mermaid(targets, plan)));
        Log.Info($"Graph: {path}");
        return path;
    }

    public static string Mermaid(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<PlannedTarget> plan)
    {
        var planned = plan.ToDictionary(p => p.Target.Name, p => p.SkipReason is null);
        var graph = new StringBuilder("graph LR\n");
        foreach (var target in targets)
        {
            graph.Append($"  {target.Name}[\"{target.Name}\"]\n");
            foreach (var dependency in target.DependsOn) graph.Append($"  {dependency} --> {target.Name}\n");
            foreach (var triggered in target.Triggers) graph.Append($"  {target.Name} -. triggers .-> {triggered}\n");
            foreach (var after in target.After) graph.Append($"  {after} -. after .-> {target.Name}\n");
            foreach (var before in target.Before) graph.Append($"  {target.Name} -. before .-> {before}\n");
        }
        graph.Append("  classDef run fill:#cfe8cf,stroke:#2e7d32;\n  classDef skipped fill:#eeeeee,stroke:#9e9e9e,stroke-dasharray: 4;\n");
        foreach (var (name, runs) in planned) graph.Append($"  class {name} {(runs ? "run" : "skipped")};\n");
        return graph.ToString();
    }

    static string Html(string mermaid) => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Build plan</title></head>
        <body>
        <h1>Build plan</h1>
        <p>Green: runs in this plan. Grey: skipped. Solid arrows: DependsOn. Dotted: Triggers, After, Before.</p>
        <pre class="mermaid">
        {{WebUtility.HtmlEncode(mermaid)}}
        </pre>
        <script type="module">
          import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs';
          mermaid.initialize({ startOnLoad: true });
        </script>
        </body></html>
        """;
}
