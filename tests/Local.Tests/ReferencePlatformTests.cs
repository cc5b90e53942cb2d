using Mooc.Tests.Shared;
using System.Diagnostics;
using Mooc.Images;
using Mooc.Local;
using Mooc.Perf.Learner;
using Mooc.Perf.OpenEdx;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;
using Mooc.Smoke;
using Xunit.Abstractions;

namespace Local.Tests;

/// <summary>
/// The reference platform end to end on the real engine: MariaDB, memcached, the forum, two gunicorn LMS
/// replicas and nginx, deployed, migrated, smoke-checked (learner registration and login
/// included), redeployed and taken down, with a learner's account kept throughout.
/// </summary>
public sealed class ReferencePlatformTests(ITestOutputHelper output) : EngineTest
{
    static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Deploy_migrate_smoke_redeploy_and_down_keep_a_learner_account()
    {
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest(), CancellationToken.None);
        var platform = PlatformLoader.LoadByName("reference");
        var deployment = Track(await StandIn.DeploymentAsync(Cluster, platform) with { Images = images.ToDictionary(i => i.Key, i => i.Value.Reference) });

        var clock = Stopwatch.StartNew();
        var first = await PlatformRollout.DeployAsync(Cluster, deployment, ReadyDeadline, CancellationToken.None);
        output.WriteLine($"cold deploy (images present): {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(6, first.Created.Count);
        await SmokeTests.RunAsync(platform, PublicUrl, TimeSpan.FromMinutes(1), CancellationToken.None);
        await AssertLearnerScenarioPassesAsync(deployment);

        var email = $"kept-{Guid.NewGuid():N}"[..16] + "@example.com";
        using (var learner = new LearnerClient(PublicUrl))
            Assert.True((await learner.RegisterAsync(email, email.Split('@')[0].Replace('-', '_'), "Kept Learner", "Kept-pass-123", CancellationToken.None)).Ok);

        clock.Restart();
        var noop = await PlatformRollout.DeployAsync(Cluster, deployment, ReadyDeadline, CancellationToken.None);
        output.WriteLine($"no-op deploy: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(noop.ChangedNothing);
        Assert.False(await Migrations.RunAsync(Cluster, deployment, ReadyDeadline, force: false, CancellationToken.None));

        var oneWorker = platform with
        {
            Services = platform.Services.Select(s => s.Name == "lms" ? s with { Env = new Dictionary<string, string>(s.Env) { ["GUNICORN_WORKERS"] = "1" } } : s).ToList(),
        };
        var changed = await PlatformRollout.DeployAsync(Cluster, deployment with { Platform = oneWorker }, ReadyDeadline, CancellationToken.None);
        Assert.Equal([LocalNames.Container(deployment.Name, "lms", 1), LocalNames.Container(deployment.Name, "lms", 2)], changed.Replaced.Order());
        await AssertLoginAsync(deployment, email);

        await Cluster.RemoveAsync(platform.Name, deployment.Name, purge: false, CancellationToken.None);
        Assert.Empty(await ContainersAsync(deployment));
        var again = await PlatformRollout.DeployAsync(Cluster, deployment, ReadyDeadline, CancellationToken.None);
        Assert.Equal(6, again.Created.Count);
        await AssertLoginAsync(deployment, email);

        var store = Cluster.SecretStore(platform.Name, deployment.Name);
        await DeploymentSecrets.RotateAsync(store, deployment.Name, ["mysql-password"], CancellationToken.None);
        var rotated = deployment with { Secrets = await DeploymentSecrets.LoadOrCreateAsync(store, deployment.Name, platform.Secrets, CancellationToken.None) };
        Assert.NotEqual(deployment.Secrets["mysql-password"], rotated.Secrets["mysql-password"]);
        var afterRotation = await PlatformRollout.DeployAsync(Cluster, rotated, ReadyDeadline, CancellationToken.None);
        Assert.Equal(
            [LocalNames.Container(deployment.Name, "lms", 1), LocalNames.Container(deployment.Name, "lms", 2), LocalNames.Container(deployment.Name, "mysql", 1)],
            afterRotation.Replaced.Order());
        await AssertLoginAsync(deployment, email);
    }

    /// <summary>The load test's learner scenario (chapter 6.4) against the deployed platform: a short run, no errors, every quiz scored 3 of 3.</summary>
    async Task AssertLearnerScenarioPassesAsync(ClusterDeployment deployment)
    {
        const int learners = 6;
        var results = Directory.CreateTempSubdirectory("learner-load-").FullName;
        var outcome = await LearnerLoadTest.RunAsync(new LoadTestOptions
        {
            BaseUrl = PublicUrl,
            Users = 3,
            Iterations = learners,
            WarmUp = TimeSpan.Zero,
            RampUp = TimeSpan.Zero,
            ThinkTimeMin = TimeSpan.Zero,
            ThinkTimeMax = TimeSpan.FromMilliseconds(50),
            MaxErrorPercent = 0,
            ResultsDirectory = results,
            WriteToConsole = false,
        }, CancellationToken.None);
        output.WriteLine(outcome.Summary);
        Assert.True(outcome.Passed, outcome.Summary);
        Assert.Equal(learners, outcome.Result.IterationsOk);
        Assert.Equal(0, outcome.Result.Total.Failed);
        // problem_check passes only when the answer scores 3 of 3 (a lower score is a wrong-content failure).
        Assert.Equal(learners, outcome.Result["problem_check"].Ok);
        Assert.Equal(learners, outcome.Result["/user_api/v1/account/registration/"].Ok);
        Assert.True(File.Exists(outcome.Reports.JMeterCsv));
    }

    async Task AssertLoginAsync(ClusterDeployment deployment, string email)
    {
        using var learner = new LearnerClient(PublicUrl);
        var login = await learner.LoginAsync(email, "Kept-pass-123", CancellationToken.None);
        Assert.True(login.Ok, login.Problem);
    }
}
