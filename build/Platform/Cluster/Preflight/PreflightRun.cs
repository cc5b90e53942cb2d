using System.Diagnostics;
using Mooc.Build;

namespace Mooc.Platform.Cluster.Preflight;

/// <summary>The Preflight target's runbook, the same on every engine: run the engine's checks, show them as a table, stop on a failure.</summary>
public static class PreflightRun
{
    public static async Task<IReadOnlyList<PreflightCheck>> RunAsync(IPreflight preflight, PreflightRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var checks = await preflight.CheckAsync(request, ct);
        PreflightTable.Write(checks, $"Preflight of deployment '{request.Deployment}' on {preflight.Description} ({clock.Elapsed.TotalSeconds:0.0} s)");
        var failed = checks.Where(c => c.Result == CheckResult.Failed).ToList();
        if (failed.Count > 0)
            throw new BuildException($"Preflight: {failed.Count} check(s) failed: " + string.Join("; ", failed.Select(c => $"{c.Name}: {c.Detail} Fix: {c.Fix}"))
                + " (--skip Preflight deploys anyway)");
        return checks;
    }
}
