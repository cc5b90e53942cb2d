using Mooc.Images;
using Mooc.TestCluster;

namespace Cluster.Tests;

/// <summary>
/// The test cluster up (the same ClusterUp the pipeline runs: it builds the binaries on a fresh
/// machine and leaves a running cluster alone) and the platform's memcached image on the node.
/// Done once per test run, however many classes take this fixture at the same time.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    static readonly Lazy<Task<string>> Started = new(StartAsync);

    public string MemcachedImage { get; private set; } = "";

    public async Task InitializeAsync() => MemcachedImage = await Started.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    static async Task<string> StartAsync()
    {
        await TestCluster.UpAsync(CancellationToken.None);
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest { Recipes = ["memcached"] }, CancellationToken.None);
        return images["memcached"].LocalTag;
    }
}

/// <summary>
/// For the one class that stops the shared cluster: its collection runs alone, after every other
/// collection has finished (see AssemblyInfo.cs).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterStopsCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "stops the test cluster";
}

/// <summary>
/// For the classes that deploy the whole reference platform: its requests (about 1 CPU) and a
/// one-off step's Job fill most of the node's 2 CPUs, so two of them at once leave a Job Pending.
/// They run one after the other, beside the other collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReferencePlatformCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "deploys the reference platform";
}
