using Mooc.Platform.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mooc.Platform.Cluster.Status;

/// <summary>The Status target's runbook, the same on every engine: the deployment as a table, its URLs and the newest reports; with watch, refreshed until cancelled (Ctrl-C).</summary>
public static class StatusView
{
    static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    public static async Task ShowAsync(IClusterEngine engine, PlatformDefinition platform, string deployment, string results, bool watch, CancellationToken ct)
    {
        if (!watch)
        {
            AnsiConsole.Write(Render(await engine.StatusAsync(platform, deployment, ct), engine, deployment, results, DateTimeOffset.Now));
            return;
        }
        try
        {
            var first = Render(await engine.StatusAsync(platform, deployment, ct), engine, deployment, results, DateTimeOffset.Now);
            await AnsiConsole.Live(first).StartAsync(async live =>
            {
                while (true)
                {
                    await Task.Delay(RefreshEvery, ct);
                    live.UpdateTarget(Render(await engine.StatusAsync(platform, deployment, ct), engine, deployment, results, DateTimeOffset.Now));
                }
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public static IRenderable Render(DeploymentStatus status, IClusterEngine engine, string deployment, string results, DateTimeOffset now)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape($"Deployment '{deployment}' on {engine.Description}, {now:HH:mm:ss}")) }
            .AddColumns("service", "ready", "image", "age", "restarts", "last event / diagnosis");
        foreach (var s in status.Services)
            table.AddRow(
                new Text(s.Service),
                new Markup(s.Ready >= s.Desired && s.Desired > 0 ? $"[green]{s.Ready}/{s.Desired}[/]" : $"[red]{s.Ready}/{s.Desired}[/]"),
                new Text(s.Image),
                new Text(s.Age is { } age ? Age(age) : "-"),
                new Text(s.Restarts.ToString()),
                new Text(s.Note ?? ""));
        var lines = new List<IRenderable> { table };
        if (status.Services.Count == 0) lines.Add(new Text($"Nothing of deployment '{deployment}' runs here: './build.sh Deploy' starts it."));
        lines.AddRange(status.Urls.Select(url => new Text("url: " + url)));
        foreach (var (kind, folder) in ReportFolders.Newest(results))
            lines.Add(new Text($"last {kind} report: {folder ?? "none yet"}"));
        return new Rows(lines);
    }

    static string Age(TimeSpan age) => age.TotalDays >= 1 ? $"{(int)age.TotalDays}d{age.Hours}h"
        : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h{age.Minutes}m"
        : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
        : $"{(int)age.TotalSeconds}s";
}
