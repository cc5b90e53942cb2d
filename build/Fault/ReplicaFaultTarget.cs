using Mooc.Perf.Fault;
using Mooc.Perf.Learner;
using Mooc.Platform.Cluster;

namespace Mooc.Fault;

/// <summary>
/// A fault test's target on any engine: one replica of a service killed through the engine, the service's
/// readiness read through it (the killed replica never counts again; only the one that takes its place), and
/// the acknowledged writes looked for in the platform's database.
/// </summary>
public sealed class ReplicaFaultTarget(IClusterEngine engine, ClusterDeployment deployment, string service, int replica = 1) : IFaultTarget
{
    KilledReplica? _killed;

    public string Description => $"service {service} of deployment {deployment.Name} on the {engine.Description}";

    public async Task<ServiceReadiness> ReadinessAsync(CancellationToken ct)
    {
        var replicas = await engine.ReplicasAsync(deployment, service, ct);
        var ready = replicas.Count(r => r.Ready && r.Incarnation != _killed?.Incarnation);
        return new ServiceReadiness(ready, ServiceOrder.Find(deployment, service).Replicas);
    }

    public async Task<string> InjectAsync(CancellationToken ct)
    {
        _killed = await engine.KillReplicaAsync(deployment, service, replica, ct);
        return _killed.HowItComesBack;
    }

    public Task<IReadOnlyCollection<AcknowledgedWrite>> FindAsync(IReadOnlyCollection<AcknowledgedWrite> acknowledged, CancellationToken ct) =>
        new LearnerDatabase(engine, deployment).FindAsync(acknowledged, ct);
}
