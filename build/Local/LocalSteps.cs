using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Local;

/// <summary>
/// A migration or seed step as a one-off container on the deployment's network, its output
/// streamed with the step's name as prefix. A leftover of an interrupted run is removed first,
/// and the container is removed after, whatever the outcome.
/// </summary>
public sealed class LocalSteps(LocalCluster cluster)
{
    public async Task<StepOutcome> RunAsync(ClusterDeployment deployment, MigrationStep step, TimeSpan deadline, CancellationToken ct)
    {
        var client = cluster.Client;
        await LocalStorage.EnsureNetworkAsync(client, deployment, ct);
        await LocalStorage.EnsureVolumesAsync(client, deployment, ct);
        var spec = ContainerSpec.ForStep(deployment, step);
        await cluster.StopAndRemoveAsync(spec.Name, ct);

        var clock = Stopwatch.StartNew();
        var created = await client.Containers.CreateContainerAsync(spec, ct);
        var lines = new List<string>();
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            try
            {
                var exit = await new Wait($"step '{step.Name}' to finish", deadline).WithinAsync(async token =>
                {
                    await ContainerLogs.FollowAsync(client, created.ID, line =>
                    {
                        lock (lines) lines.Add(line);
                        Log.Output(step.Name, line);
                    }, token);
                    return await client.Containers.WaitContainerAsync(created.ID, token);
                }, ct);
                lock (lines) return new StepOutcome(step.Name, exit.StatusCode == 0, exit.StatusCode, lines.ToList(), clock.Elapsed);
            }
            catch (WaitTimeoutException)
            {
                lock (lines)
                {
                    lines.Add($"(step did not finish within {deadline.TotalSeconds:0} s; stopped)");
                    return new StepOutcome(step.Name, false, -1, lines.ToList(), clock.Elapsed);
                }
            }
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }
}
