using Mooc.Docker;
using Mooc.Fault;
using Mooc.Images;
using Mooc.Local;
using Mooc.Perf.Fault;
using Mooc.Perf.Learner;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Local.Tests;

/// <summary>The reference platform on the local engine, deployed once for the fault tests of one class and purged after them.</summary>
public sealed class ReferenceForFaults : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;
    public ClusterDeployment Deployment { get; private set; } = null!;
    public Uri PublicUrl => new($"http://127.0.0.1:{Cluster.PublicPort}/");

    public async Task InitializeAsync()
    {
        Cluster = new LocalCluster(await DockerEngine.ConnectAsync(CancellationToken.None), FreePort.Next());
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest(), CancellationToken.None);
        Deployment = await StandIn.DeploymentAsync(Cluster, PlatformLoader.LoadByName("reference"), "ft" + StandIn.NewName())
            with { Images = images.ToDictionary(i => i.Key, i => i.Value.Reference) };
        await PlatformRollout.DeployAsync(Cluster, Deployment, TimeSpan.FromMinutes(3), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await PlatformRollout.RemoveAsync(Cluster, Deployment.Platform.Name, Deployment.Name, purge: true, CancellationToken.None);
        Cluster.Dispose();
    }
}

/// <summary>
/// The fault test on the local engine against the reference platform under the learner load: an lms
/// replica killed (and started again) is measured and loses nothing acknowledged; the database killed
/// with a recovery limit no platform meets fails, with the figures.
/// </summary>
public sealed class FaultTestTests(ReferenceForFaults reference, ITestOutputHelper output) : IClassFixture<ReferenceForFaults>
{
    [Fact]
    public async Task An_lms_replica_killed_under_load_comes_back_and_every_acknowledged_write_is_in_the_database()
    {
        var outcome = await RunAsync("lms", maxRecovery: TimeSpan.FromSeconds(60));

        Assert.NotNull(outcome.Figures.ReadyAgain);
        // Every learner who arrives runs the scenario to its end (enrolled half-way, graded near the end): arrivals
        // are not cut off when the load phase ends but drain for up to the request timeout, so both kinds are written.
        Assert.Equal([WriteKind.Enrollment, WriteKind.GradedSubmission], outcome.Writes.Counts.Select(c => c.Kind));
        Assert.All(outcome.Writes.Counts, c => Assert.True(c.Acknowledged > 0, $"no {FaultReport.KindName(c.Kind)} was acknowledged during the run: {outcome.Summary}"));
        Assert.All(outcome.Writes.Counts, c => Assert.Equal(c.Acknowledged, c.Found));
        Assert.Contains("container mooc-" + reference.Deployment.Name + "-lms-1 killed", outcome.Timeline.FaultDescription);
        var html = await File.ReadAllTextAsync(Path.Combine(outcome.ReportDirectory, "fault.html"));
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("| service ready again", await File.ReadAllTextAsync(Path.Combine(outcome.ReportDirectory, "fault.md")));
    }

    [Fact]
    public async Task The_database_killed_with_a_recovery_limit_too_tight_fails_with_the_figures()
    {
        var outcome = await RunAsync("mysql", maxRecovery: TimeSpan.FromMilliseconds(1));

        Assert.False(outcome.Passed);
        Assert.Contains(outcome.Breaches, b => b.StartsWith("max-recovery"));
        Assert.Contains("ready again", outcome.Summary);
        Assert.True(outcome.Writes.NothingLost, $"acknowledged writes missing after the database was killed: {string.Join(", ", outcome.Writes.Missing)}");
    }

    async Task<FaultTestOutcome> RunAsync(string service, TimeSpan maxRecovery)
    {
        // The other test may have faulted the platform last: start from a whole one.
        await reference.Cluster.WaitReadyAsync(reference.Deployment, null, TimeSpan.FromMinutes(3), CancellationToken.None);
        var outcome = await LearnerFaultTest.RunAsync(new FaultTestOptions
        {
            BaseUrl = reference.PublicUrl,
            Rate = 0.5,
            WarmUp = TimeSpan.FromSeconds(3),
            Duration = TimeSpan.FromSeconds(24),
            FaultAt = TimeSpan.FromSeconds(6),
            MaxRecovery = maxRecovery,
            ResultsDirectory = Directory.CreateTempSubdirectory("fault-test-").FullName,
            WriteToConsole = false,
        }, new ReplicaFaultTarget(reference.Cluster, reference.Deployment, service), CancellationToken.None);
        output.WriteLine(outcome.Summary);
        return outcome;
    }
}
