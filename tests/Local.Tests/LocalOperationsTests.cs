using Mooc.Docker;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Tests.Shared;

namespace Local.Tests;

/// <summary>The operations contract on the local Docker engine; the same cases run on the test cluster in Cluster.Tests.</summary>
public sealed class LocalOperationsTests : OperationsContract
{
    protected override async Task<IClusterEngine> ConnectAsync() => new LocalCluster(await DockerEngine.ConnectAsync(CancellationToken.None), FreePort.Next());
}
