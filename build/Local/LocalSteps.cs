using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Local;

/// <summary>
/// A migration or seed step as a one-off container on the deployment's network, its output
/// streamed with the step's name as prefix, removed after whatever the outcome. A step container
/// an earlier, killed run left behind is settled first: still running, it is waited for (two steps
/// never run at once, and a migration is never cut off half-way); ended, it is removed.
/// </summary>
public sealed class LocalSteps(LocalCluster cluster)
{
    public async Task<StepOutcome> RunAsync(ClusterDeployment deployment, MigrationStep step, TimeSpan deadline, CancellationToken ct)
    {
        var client = cluster.Client;
        await LocalStorage.EnsureNetworkAsync(client, deployment, ct);
        await LocalStorage.EnsureVolumesAsync(client, deployment, ct);
        var spec = ContainerSpec.ForStep(deployment, step);
        await SettleLeftoversAsync(deployment, deadline, ct);

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
            await RemoveAsync(created.ID);
        }
    }

    /// <summary>Removes the step's container; one removed meanwhile by someone else (docker rm -f) is fine, and must not hide the step's outcome.</summary>
    async Task RemoveAsync(string id)
    {
        try
        {
            await cluster.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
        }
    }

    async Task SettleLeftoversAsync(ClusterDeployment deployment, TimeSpan deadline, CancellationToken ct)
    {
        var client = cluster.Client;
        foreach (var leftover in await cluster.ListAsync(deployment.Platform.Name, deployment.Name, LocalNames.StepRole, ct))
        {
            var name = LocalCluster.NameOf(leftover);
            if (leftover.State is "running" or "restarting")
            {
                Log.Warn($"{name}, started by an earlier run that was interrupted, still runs: waiting for it to end (up to {deadline.TotalSeconds:0} s) before running a step");
                var ended = new Wait($"{name}, started by an earlier run, to end", deadline)
                {
                    Hint = $"See what it does with 'docker logs {name}'. "
                        + $"'docker rm -f {name}' stops it, which may leave its migration half-done: the next migrate step then detects that and says how to recover.",
                };
                var exit = await ended.WithinAsync(token => client.Containers.WaitContainerAsync(leftover.ID, token), ct);
                Log.Info($"{name} of the earlier run ended with exit code {exit.StatusCode}; its last lines:");
                foreach (var line in await ContainerLogs.TailAsync(client, leftover.ID, 5, ct)) Log.Output(name, line);
            }
            else
            {
                Log.Info($"Removing {name}, left by an earlier, interrupted run ({leftover.Status})");
            }
            await cluster.StopAndRemoveAsync(leftover.ID, ct);
        }
    }
}
