using Mooc.Perf.Learner;

namespace Mooc.Perf.Fault;

/// <summary>
/// Where a fault test injects its fault and looks for the outcome: a service of a deployed platform, on
/// whatever runs it. The load test drives the platform through HTTP; the target is the platform's inside.
/// </summary>
public interface IFaultTarget
{
    /// <summary>What is faulted, for the report, e.g. "service lms of deployment ft1 on the local Docker engine".</summary>
    string Description { get; }

    /// <summary>The service's replicas now; after the fault, the faulted replica does not count as ready, only the one that replaces it.</summary>
    Task<ServiceReadiness> ReadinessAsync(CancellationToken ct);

    /// <summary>Injects the fault and says what was done and how the platform is meant to come back from it.</summary>
    Task<string> InjectAsync(CancellationToken ct);

    /// <summary>Which of <paramref name="acknowledged"/> are in the platform's database now, by querying it.</summary>
    Task<IReadOnlyCollection<AcknowledgedWrite>> FindAsync(IReadOnlyCollection<AcknowledgedWrite> acknowledged, CancellationToken ct);
}

/// <summary>How many of a service's replicas are ready of how many it should have.</summary>
public sealed record ServiceReadiness(int Ready, int Expected)
{
    public bool Whole => Ready >= Expected;

    public override string ToString() => $"{Ready} of {Expected} ready";
}
