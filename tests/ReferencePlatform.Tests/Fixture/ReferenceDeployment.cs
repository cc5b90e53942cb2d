using Mooc.Tests.Shared;
using System.Security.Cryptography;
using Mooc.Images;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;

namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// The reference platform as it ships: the lms, forum, mysql, memcached and nginx images built from
/// images/ (reused while their content hash is unchanged), deployed, migrated and seeded through
/// the pipeline's own local engine under a name of its own on a free port, and removed with its
/// volumes and secrets when the tests end (or when deploying fails half-way).
/// </summary>
public sealed class ReferenceDeployment : IAsyncLifetime
{
    static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(3);

    /// <summary>When a test that waits on the platform is called hung: generous, as the test projects share the cores with each other and with the containers.</summary>
    public static readonly TimeSpan TestDeadline = TimeSpan.FromMinutes(5);

    LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster!;
    public ClusterDeployment Deployment { get; private set; } = null!;
    public Uri BaseAddress => new($"http://127.0.0.1:{_cluster!.PublicPort}/");
    public string DemoPassword => Deployment.Secrets["demo-password"];
    public ServiceContainers Containers { get; private set; } = null!;
    public ReferenceDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // A cold machine builds the five images first (Debian packages installed in containers).
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        var platform = PlatformLoader.LoadByName("reference");
        var recipes = platform.EnabledServices.Select(s => s.Image.Recipe).OfType<string>().Distinct().ToList();
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest { Recipes = recipes }, ct);

        _cluster = await LocalCluster.ConnectAsync(FreePort.Next(), ct);
        var name = "rpt-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Deployment = await ClusterDeployment.PrepareAsync(_cluster, name, platform, images.ToDictionary(i => i.Key, i => i.Value.Reference), ct);
        Containers = new ServiceContainers(_cluster, Deployment, ReadyDeadline);
        Database = new ReferenceDatabase(Containers);
        try
        {
            await PlatformRollout.DeployAsync(_cluster, Deployment, ReadyDeadline, ct);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Down --purge (data and secrets gone), then deployed anew under the same name and port, as an operator would after losing a machine.</summary>
    public async Task PurgeAndRedeployAsync(CancellationToken ct)
    {
        await PlatformRollout.RemoveAsync(_cluster!, Deployment.Platform.Name, Deployment.Name, purge: true, ct);
        Deployment = await ClusterDeployment.PrepareAsync(_cluster!, Deployment.Name, Deployment.Platform, Deployment.Images, ct);
        Containers = new ServiceContainers(_cluster!, Deployment, ReadyDeadline);
        Database = new ReferenceDatabase(Containers);
        await PlatformRollout.DeployAsync(_cluster!, Deployment, ReadyDeadline, ct);
    }

    public Browser NewBrowser() => new(BaseAddress);

    /// <summary>The platform's migration and seed steps again, as the Migrate target runs them; their output.</summary>
    public async Task<string> MigrateAgainAsync(CancellationToken ct)
    {
        var output = new List<string>();
        foreach (var step in Deployment.Steps)
        {
            var outcome = await _cluster!.RunStepAsync(Deployment, step, ReadyDeadline, ct);
            Assert.True(outcome.Succeeded, $"{step.Name} failed with exit code {outcome.ExitCode}:\n{string.Join('\n', outcome.Logs)}");
            output.AddRange(outcome.Logs);
        }
        return string.Join('\n', output);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await PlatformRollout.RemoveAsync(_cluster, Deployment.Platform.Name, Deployment.Name, purge: true, timeout.Token);
        _cluster.Dispose();
        _cluster = null;
    }
}

/// <summary>One deployment for the whole assembly: the tests register their own learners, and those that stop a service start it again.</summary>
[CollectionDefinition(Name)]
public sealed class ReferencePlatformCollection : ICollectionFixture<ReferenceDeployment>
{
    public const string Name = "reference platform";
}
