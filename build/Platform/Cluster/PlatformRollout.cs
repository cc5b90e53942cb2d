using System.Diagnostics;
using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>
/// Deploy as a runbook, the same on every engine, in three phases the pipeline runs as three
/// targets: the data services the migrations need (<see cref="StartDataServicesAsync"/>), the
/// migrations (<see cref="Migrations.RunAsync"/>, skipped when up to date), then the services that
/// must not take traffic before them, the application and the ingress (<see cref="StartApplicationAsync"/>).
/// A second run with nothing changed does nothing.
/// </summary>
public static class PlatformRollout
{
    /// <summary>The three phases in one call, as <c>./build.sh Deploy</c> runs them.</summary>
    public static async Task<ApplyResult> DeployAsync(IClusterEngine engine, ClusterDeployment deployment, TimeSpan readyDeadline, CancellationToken ct)
    {
        var data = await StartDataServicesAsync(engine, deployment, readyDeadline, ct);
        await Migrations.RunAsync(engine, deployment, readyDeadline, force: false, ct);
        var application = await StartApplicationAsync(engine, deployment, readyDeadline, ct);
        return Merge(data, application);
    }

    /// <summary>Phase 1: the services the migration steps need (databases, caches), applied and waited for.</summary>
    public static async Task<ApplyResult> StartDataServicesAsync(IClusterEngine engine, ClusterDeployment deployment, TimeSpan readyDeadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var data = ServiceOrder.DataServices(deployment);
        Log.Info($"Deploying platform '{deployment.Platform.Name}' as '{deployment.Name}' on the {engine.Description}");
        if (data.Count == 0)
        {
            Log.Info("No data services: every service runs a migration step or depends on one that does");
            return ApplyResult.Nothing;
        }
        var result = await engine.ApplyAsync(deployment, data, readyDeadline, ct);
        await engine.WaitReadyAsync(deployment, data, readyDeadline, ct);
        Report($"Data services ({string.Join(", ", data)})", result, clock);
        return result;
    }

    /// <summary>Phase 3: everything (the application and the ingress join; services the platform no longer has go), waited for.</summary>
    public static async Task<ApplyResult> StartApplicationAsync(IClusterEngine engine, ClusterDeployment deployment, TimeSpan readyDeadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var result = await engine.ApplyAsync(deployment, null, readyDeadline, ct);
        await engine.WaitReadyAsync(deployment, null, readyDeadline, ct);
        Report($"Deployment '{deployment.Name}'", result, clock);
        return result;
    }

    /// <summary>Down: the engine removes the deployment; with <paramref name="purge"/> its data and state go, and the runbook forgets its secrets.</summary>
    public static async Task RemoveAsync(IClusterEngine engine, string platform, string deployment, bool purge, CancellationToken ct)
    {
        await engine.RemoveAsync(platform, deployment, purge, ct);
        if (!purge) return;
        var store = engine.SecretStore(platform, deployment);
        await store.DeleteAsync(ct);
        Log.Info($"Forgot the deployment's secrets ({store.Location})");
    }

    static void Report(string what, ApplyResult result, Stopwatch clock) => Log.Success(result.ChangedNothing
        ? $"{what} up to date: nothing changed ({clock.Elapsed.TotalMilliseconds:0} ms)"
        : $"{what} ready in {clock.Elapsed.TotalSeconds:0.0} s: created {Join(result.Created)}; replaced {Join(result.Replaced)}; started {Join(result.Started)}; removed {Join(result.Removed)}");

    static string Join(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    static ApplyResult Merge(ApplyResult first, ApplyResult second) => new(
        [.. first.Created, .. second.Created], [.. first.Replaced, .. second.Replaced], [.. first.Started, .. second.Started],
        second.Unchanged, [.. first.Removed, .. second.Removed]);
}
