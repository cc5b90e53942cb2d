using Mooc.Docker;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Tests.Shared;

namespace Local.Tests;

/// <summary>The engine contract on the local Docker engine; the same cases run on the test cluster in Cluster.Tests.</summary>
public sealed class LocalEngineContractTests : EngineContract
{
    protected override async Task<IClusterEngine> ConnectAsync() => new LocalCluster(await DockerEngine.ConnectAsync(CancellationToken.None), FreePort.Next());

    /// <summary>Containers are named mooc-&lt;deployment&gt;-&lt;service&gt;-&lt;replica&gt;.</summary>
    protected override bool BelongsTo(string applied, string service) => applied.Contains($"-{service}-");
}
