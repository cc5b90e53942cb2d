using Mooc.Images;
using Mooc.TestCluster;

namespace Cluster.Tests;

/// <summary>
/// The test cluster up (the same ClusterUp the pipeline runs: it builds the binaries on a fresh
/// machine and leaves a running cluster alone) and the platform's memcached image on the node.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string MemcachedImage { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await TestCluster.UpAsync(CancellationToken.None);
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest { Recipes = ["memcached"] }, CancellationToken.None);
        MemcachedImage = images["memcached"].LocalTag;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "test cluster";
}
