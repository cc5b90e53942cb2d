namespace Mooc.Fault;

/// <summary>What the fault test takes away.</summary>
public enum FaultKind
{
    /// <summary>One replica of --fault-service: the local engine kills its container, Kubernetes deletes its pod.</summary>
    Replica,
    /// <summary>A node running a replica of --fault-service, cordoned and drained (Kubernetes with more than one node).</summary>
    Node,
}
