using System.Diagnostics;
using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>
/// Deploy as a runbook, the same on every engine: the services migrations need, then the
/// migrations (skipped when up to date), then the services that must not take traffic before
/// them (the application and the ingress). A second run with nothing changed does nothing.
/// </summary>
public static class PlatformRollout
{
    public static async Task<ApplyResult> DeployAsync(IClusterEngine engine, ClusterDeployment deployment, TimeSpan readyDeadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var gated = ServiceOrder.GatedByMigrations(deployment);
        var backing = deployment.Services.Select(s => s.Name).Where(n => !gated.Contains(n)).ToList();

        Log.Info($"Deploying platform '{deployment.Platform.Name}' as '{deployment.Name}' on the {engine.Description}");
        var first = backing.Count > 0 ? await engine.ApplyAsync(deployment, backing, readyDeadline, ct) : null;
        if (backing.Count > 0) await engine.WaitReadyAsync(deployment, backing, readyDeadline, ct);

        await Migrations.RunAsync(engine, deployment, readyDeadline, force: false, ct);

        var all = await engine.ApplyAsync(deployment, null, readyDeadline, ct);
        await engine.WaitReadyAsync(deployment, null, readyDeadline, ct);

        var result = Merge(first, all);
        Log.Success(result.ChangedNothing
            ? $"Deployment '{deployment.Name}' was up to date: nothing changed ({clock.Elapsed.TotalMilliseconds:0} ms)"
            : $"Deployment '{deployment.Name}' ready in {clock.Elapsed.TotalSeconds:0.0} s: created {Join(result.Created)}; replaced {Join(result.Replaced)}; started {Join(result.Started)}; removed {Join(result.Removed)}");
        Log.Info($"The platform answers at {deployment.PublicUrl}");
        return result;
    }

    static string Join(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    static ApplyResult Merge(ApplyResult? first, ApplyResult second) => first is null
        ? second
        : new ApplyResult(
            [.. first.Created, .. second.Created], [.. first.Replaced, .. second.Replaced], [.. first.Started, .. second.Started],
            second.Unchanged, [.. first.Removed, .. second.Removed]);
}
