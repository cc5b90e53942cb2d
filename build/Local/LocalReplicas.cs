using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>A service's replica containers: each one's state, and a crash of one on demand (SIGKILL, which Docker's restart policy answers).</summary>
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
                states.Add(new ReplicaState(name, inspect.State.StartedAt, LocalReadiness.IsReady(inspect)));
            }
            catch (DockerContainerNotFoundException)
            {
                states.Add(new ReplicaState(name, "missing", false));
            }
        }
        return states;
    }

    /// <summary>
    /// SIGKILL, not <c>docker stop</c>: the process gets no chance to finish its requests, and Docker's restart
    /// policy (unless-stopped) restarts the container, as it would after a crash; a stop would keep it down.
    /// </summary>
    public async Task<KilledReplica> KillAsync(ClusterDeployment deployment, string service, int replica, CancellationToken ct)
    {
        var replicas = ServiceOrder.Find(deployment, service).Replicas;
        if (replica < 1 || replica > replicas)
            throw new ArgumentOutOfRangeException(nameof(replica), replica, $"service '{service}' has {replicas} replica(s): choose 1 to {replicas}");
        var name = LocalNames.Container(deployment.Name, service, replica);
        var inspect = await client.Containers.InspectContainerAsync(name, ct);
        await client.Containers.KillContainerAsync(name, new ContainerKillParameters { Signal = "SIGKILL" }, ct);
        return new KilledReplica(name, inspect.State.StartedAt,
            $"container {name} killed (SIGKILL); Docker's restart policy ({inspect.HostConfig.RestartPolicy.Name}) restarts it, and it is ready again once its health check passes");
    }
}
