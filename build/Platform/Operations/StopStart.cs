using System.Diagnostics;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Operations;

/// <summary>
/// Stop and Start: the deployment's services stopped with their containers (workloads) and data
/// kept, and started again and waited for; unlike Down, nothing is removed and nothing re-created.
/// </summary>
public static class StopStart
{
    public static async Task StopAsync(IClusterEngine engine, ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await engine.StopAsync(deployment, services, ct);
        Log.Success($"Stopped {Describe(deployment, services)} in {clock.Elapsed.TotalSeconds:0.0} s; containers and data kept ('./build.sh Start' starts {(services is null ? "it" : "them")} again, Down removes {(services is null ? "it" : "them")})");
    }

    public static async Task StartAsync(IClusterEngine engine, ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan readyDeadline, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var missing = await engine.StartAsync(deployment, services, ct);
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Deployment '{deployment.Name}' has nothing of {string.Join(", ", missing)} on the {engine.Description} to start: Start only starts what Stop stopped. Deploy it ('./build.sh Deploy --deployment {deployment.Name}').");
        await engine.WaitReadyAsync(deployment, services, readyDeadline, ct);
        Log.Success($"Started {Describe(deployment, services)}: ready in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    static string Describe(ClusterDeployment deployment, IReadOnlyCollection<string>? services) =>
        services is null ? $"deployment '{deployment.Name}'" : $"{string.Join(", ", services)} of deployment '{deployment.Name}'";
}
