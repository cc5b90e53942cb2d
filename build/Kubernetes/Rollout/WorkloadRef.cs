namespace Mooc.Kubernetes.Rollout;

/// <summary>The kinds of workload the pipeline waits for.</summary>
public enum WorkloadKind
{
    Deployment,
    StatefulSet,
    Job,
}

/// <summary>A workload in a namespace, named as the rendered objects name it.</summary>
public sealed record WorkloadRef(WorkloadKind Kind, string Name)
{
    public override string ToString() => $"{Kind} {Name}";
}
