using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>A service's replica containers: each one's state, and a crash of one on demand (SIGKILL, then started again as a restart policy would).</summary>
public sealed class LocalReplicas(DockerClient client)
{
    public async Task<IReadOnlyList<ReplicaState>> ListAsync(ClusterDeployment deployment, string service, CancellationToken ct)
    {
        var states = new List<ReplicaState>();
        for (var replica = 1; replica <= ServiceOrder.Find(deployment, service).Replicas; replica++)
        {
            var name = LocalNames.Container(deployment.Name, service, replica);
            try
            {
                var inspect = await client.Containers.InspectContainerAsync(name, ct);
                states.Add(new ReplicaState(name, inspect.State.StartedAt, LocalReadiness.IsReady(inspect.State)));
            }
            catch (DockerContainerNotFoundException)
            {
                states.Add(new ReplicaState(name, "missing", false));
            }
        }
        return states;
    }

    /// <summary>
    /// SIGKILL, not <c>docker stop</c>: the process gets no chance to finish its requests, as in a crash. Docker
    /// does not apply a restart policy to a container killed through its API (it counts as stopped by hand:
    /// measured, it stayed down), so the engine starts it again at once, as the policy (unless-stopped) does after a crash.
    /// </summary>
    public async Task<KilledReplica> KillAsync(ClusterDeployment deployment, string service, int replica, CancellationToken ct)
    {
        var replicas = ServiceOrder.Find(deployment, service).Replicas;
        if (replica < 1 || replica > replicas)
            throw new ArgumentOutOfRangeException(nameof(replica), replica, $"service '{service}' has {replicas} replica(s): choose 1 to {replicas}");
        var name = LocalNames.Container(deployment.Name, service, replica);
        var inspect = await client.Containers.InspectContainerAsync(name, ct);
        await client.Containers.KillContainerAsync(name, new ContainerKillParameters { Signal = "SIGKILL" }, ct);
        await new Wait($"{name} to exit after SIGKILL", TimeSpan.FromSeconds(30)) { Interval = TimeSpan.FromMilliseconds(50) }
            .UntilAsync<bool>(async token => (await client.Containers.InspectContainerAsync(name, token)).State.Running ? Seen.NotYet("running") : Seen.Done(true), ct);
        await client.Containers.StartContainerAsync(name, new ContainerStartParameters(), ct);
        return new KilledReplica(name, inspect.State.StartedAt,
            $"container {name} killed (SIGKILL) and started again at once, as Docker's restart policy does after a crash; ready again once its health check passes");
    }
}
