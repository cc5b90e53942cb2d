using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>Stop, Start and Logs on the local engine: the deployment's service containers, found by their labels, kept as they are (Down removes them).</summary>
sealed class LocalOperations(LocalCluster cluster)
{
    DockerClient Client => cluster.Client;

    public async Task StopAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        var containers = await ContainersAsync(deployment, services, ct);
        // Dependants first: nginx before the LMS, the LMS before its database.
        foreach (var service in deployment.Services.Reverse())
        {
            var running = containers.Where(c => c.Labels.Label(LabelNames.Name) == service.Name && c.State is "running" or "restarting" or "paused").ToList();
            if (running.Count == 0) continue;
            Log.Info($"Stopping {string.Join(", ", running.Select(LocalCluster.NameOf))}");
            await Task.WhenAll(running.Select(c => Client.Containers.StopContainerAsync(c.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 30 }, ct)));
        }
    }

    public async Task<IReadOnlyList<string>> StartAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        var containers = await ContainersAsync(deployment, services, ct);
        var missing = new List<string>();
        foreach (var service in ServiceOrder.Named(deployment, services))
        {
            var mine = containers.Where(c => c.Labels.Label(LabelNames.Name) == service.Name).ToList();
            if (mine.Count == 0) missing.Add(service.Name);
            foreach (var container in mine.Where(c => c.State is not ("running" or "restarting")))
            {
                Log.Info($"Starting {LocalCluster.NameOf(container)}");
                await Client.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), ct);
            }
        }
        return missing;
    }

    public async Task<IReadOnlyList<ReplicaLog>> OpenLogsAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, LogOptions options, CancellationToken ct)
    {
        var containers = await ContainersAsync(deployment, services, ct);
        return containers.OrderBy(LocalCluster.NameOf, StringComparer.Ordinal)
            .Select(c => new ReplicaLog(LocalCluster.NameOf(c), LinesAsync(c.ID, options, ct)))
            .ToList();
    }

    async IAsyncEnumerable<LogLine> LinesAsync(string container, LogOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = new ContainerLogsParameters
        {
            Timestamps = true,
            Follow = options.Follow,
            Since = options.Since?.ToUnixTimeSeconds().ToString(),
            Tail = options.Tail?.ToString() ?? "all",
        };
        var previous = DateTimeOffset.MinValue;
        await foreach (var text in ContainerLogs.LinesAsync(Client, container, parameters, ct))
        {
            var line = LogLine.Parse(text, previous);
            previous = line.Time;
            yield return line;
        }
    }

    async Task<IReadOnlyList<ContainerListResponse>> ContainersAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct)
    {
        var names = ServiceOrder.Named(deployment, services).Select(s => s.Name).ToHashSet();
        var all = await cluster.ListAsync(deployment.Platform.Name, deployment.Name, LocalNames.ServiceRole, ct);
        return all.Where(c => names.Contains(c.Labels.Label(LabelNames.Name) ?? "")).ToList();
    }
}
