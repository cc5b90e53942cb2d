using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Fault;

/// <summary>Whether a node can be taken away: only when another node is left for the pods to go to.</summary>
public static class FaultNodes
{
    public static async Task CheckAsync(IClusterEngine engine, CancellationToken ct)
    {
        var nodes = await engine.NodesAsync(ct);
        if (nodes.Count < 2)
            throw new BuildException($"--fault node: the {engine.Description} has one node ({string.Join(", ", nodes)}); draining it would leave the platform nowhere to run. "
                + "Use --fault replica (the default), or a Kubernetes cluster with more than one node.");
        throw new BuildException($"--fault node: the {engine.Description} has {nodes.Count} nodes ({string.Join(", ", nodes)}), but draining a node is not built yet; use --fault replica (the default).");
    }
}
