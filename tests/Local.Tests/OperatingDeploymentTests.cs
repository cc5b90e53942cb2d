using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Local.Tests;

/// <summary>
/// One reference deployment made by the real <c>./build.sh Deploy --deployment X --public-port P</c> (smoke tests
/// included), shared by the tests of <see cref="OperatingDeploymentTests"/>, then removed by <c>./build.sh Down --purge</c>.
/// </summary>
public sealed class OperatedDeployment : IAsyncLifetime
{
    public string Name { get; } = "st-op-" + Guid.NewGuid().ToString("N")[..6];
    public int Port { get; } = FreePort.Next();
    public IReadOnlyList<string> FirstDeploy { get; private set; } = [];
    public int FirstDeployExitCode { get; private set; }
    public Collected Log { get; } = new();

    public async Task InitializeAsync() =>
        (FirstDeployExitCode, FirstDeploy) = await BuildProcess.RunAsync(Log, "Deploy", "--deployment", Name, "--public-port", Port.ToString());

    public async Task DisposeAsync()
    {
        var (exitCode, _) = await BuildProcess.RunAsync(Log, "Down", "--deployment", Name, "--purge");
        if (exitCode == 0) return;
        using var engine = new LocalCluster(await DockerEngine.ConnectAsync(CancellationToken.None));
        await PlatformRollout.RemoveAsync(engine, "reference", Name, purge: true, CancellationToken.None);
        BuildProcess.ForgetSettings(Name);
    }

    public sealed class Collected : ITestOutputHelper
    {
        public void WriteLine(string message) { }
        public void WriteLine(string format, params object[] args) { }
    }
}

/// <summary>What an operator does after a first Deploy, on the real Docker engine with the real ./build.sh.</summary>
public sealed class OperatingDeploymentTests(OperatedDeployment deployment, ITestOutputHelper output) : IClassFixture<OperatedDeployment>
{
    string[] Named => ["--deployment", deployment.Name];

    [Fact]
    public async Task Later_commands_use_the_port_the_first_deploy_was_given_and_help_says_where_it_came_from()
    {
        Assert.Equal(0, deployment.FirstDeployExitCode);
        Assert.Contains(deployment.FirstDeploy, l => l.Contains($"Remembering the settings of deployment {deployment.Name}") && l.Contains($"--public-port {deployment.Port}"));

        var (exitCode, smoke) = await BuildProcess.RunAsync(output, ["SmokeTest", "--skip", .. Named]);
        Assert.Equal(0, exitCode);
        Assert.Contains(smoke, l => l.Contains($"against http://127.0.0.1:{deployment.Port}/"));

        var (_, help) = await BuildProcess.RunAsync(output, ["--help", .. Named]);
        Assert.Contains(help, l => l.Contains($"{deployment.Port} (from deployment {deployment.Name})"));
    }

    [Fact]
    public async Task A_deploy_to_a_port_another_program_holds_fails_before_changing_anything_and_the_site_keeps_answering()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busy = ((IPEndPoint)squatter.LocalEndpoint).Port;

        // Preflight names a busy port before the deploy too; skipped here, the engine itself must not replace anything.
        var (exitCode, lines) = await BuildProcess.RunAsync(output, ["Deploy", "--skip", "SmokeTest", "Preflight", .. Named, "--public-port", busy.ToString()]);

        Assert.Equal(BuildRunner.ExitFailed, exitCode);
        Assert.Contains(lines, l => l.Contains($"Public port {busy} (127.0.0.1:{busy}) is held by process {Environment.ProcessId} (") && l.Contains("Nothing of deployment"));
        Assert.DoesNotContain(lines, l => l.Contains("Replacing mooc-"));
        using var http = new HttpClient();
        using var heartbeat = await http.GetAsync($"http://127.0.0.1:{deployment.Port}/heartbeat");
        Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
        var (_, help) = await BuildProcess.RunAsync(output, ["--help", .. Named]);
        Assert.Contains(help, l => l.Contains($"{deployment.Port} (from deployment {deployment.Name})"));
    }

    [Fact]
    public async Task The_smoke_and_load_tests_remove_the_accounts_they_registered_with_what_they_wrote()
    {
        var firstRun = Run(deployment.FirstDeploy, "smoke");
        Assert.Contains(deployment.FirstDeploy, l => l.Contains($"Removed 2 test accounts of test run {firstRun}"));

        var (exitCode, load) = await BuildProcess.RunAsync(output,
            ["LoadTest", "--skip", .. Named, "--users", "2", "--load-duration", "15s", "--warm-up", "0s", "--ramp-up", "1s", "--think-time-min", "0s", "--think-time-max", "0s", "--max-p95", "60s"]);
        Assert.True(exitCode == 0, string.Join('\n', load.TakeLast(30)));
        var run = Run(load, "load");
        var removed = Regex.Match(string.Join('\n', load), $@"Removed (\d+) test accounts of test run {run}: (\d+) enrollments, (\d+) submissions, (\d+) tracking events");
        Assert.True(removed.Success, "the load test did not say what it removed");
        Assert.True(int.Parse(removed.Groups[1].Value) >= 2, removed.Value);
        Assert.True(int.Parse(removed.Groups[3].Value) >= 1, removed.Value);
        Assert.Equal("0", await SqlAsync($"SELECT COUNT(*) FROM learner_userprofile WHERE test_run LIKE 'load-%' OR test_run = '{firstRun}'"));
        Assert.Equal("0", await SqlAsync("SELECT COUNT(*) FROM auth_user WHERE username LIKE 'lt%'"));
        // What is left is the seeded demo accounts' (ids 1 to 5; enrolled, no answers, no events): the learners' rows went with them.
        // (A smoke run's accounts that --keep-test-data kept, in this class's other test, stay: they are not this test's.)
        Assert.Equal("0", await SqlAsync("SELECT COUNT(*) FROM learner_courseenrollment WHERE user_id > 5 AND user_id NOT IN " +
            $"(SELECT user_id FROM learner_userprofile WHERE test_run LIKE 'smoke-%' AND test_run <> '{firstRun}')"));
        Assert.NotEqual("0", await SqlAsync("SELECT COUNT(*) FROM learner_courseenrollment"));
        Assert.Equal("0", await SqlAsync("SELECT COUNT(*) FROM learner_studentmodule"));
        Assert.Equal("0", await SqlAsync("SELECT COUNT(*) FROM learner_trackinglog"));
    }

    [Fact]
    public async Task With_keep_test_data_the_smoke_tests_account_stays_marked_with_its_run()
    {
        var (exitCode, smoke) = await BuildProcess.RunAsync(output, ["SmokeTest", "--skip", .. Named, "--keep-test-data"]);
        Assert.Equal(0, exitCode);
        var run = Run(smoke, "smoke");
        Assert.Contains(smoke, l => l.Contains($"--keep-test-data: the accounts test run {run} registered stay in deployment '{deployment.Name}'"));
        // Two smoke checks register a learner: the login check and the inline discussion check.
        Assert.Equal("2", await SqlAsync($"SELECT COUNT(*) FROM learner_userprofile WHERE test_run = '{run}'"));
    }

    [Fact]
    public async Task Deploy_with_force_migrate_runs_the_steps_and_does_not_say_they_were_skipped()
    {
        var (exitCode, lines) = await BuildProcess.RunAsync(output, ["Deploy", "--skip", "SmokeTest", .. Named, "--force-migrate"]);
        Assert.Equal(0, exitCode);
        Assert.Single(lines, l => l.StartsWith("Step lms-migrate:"));
        Assert.Single(lines, l => l.StartsWith("Step lms-seed:"));
        Assert.DoesNotContain(lines, l => l.Contains("Migrations up to date") || l.Contains("skipped (--force-migrate"));
    }

    /// <summary>The run id the build printed for its test of this kind ("smoke-20261130-150102-a1b2c3").</summary>
    static string Run(IReadOnlyList<string> lines, string kind)
    {
        var match = lines.Select(l => Regex.Match(l, $@"test run ({kind}-\d{{8}}-\d{{6}}-[0-9a-f]{{6}})")).FirstOrDefault(m => m.Success);
        Assert.True(match is not null, $"no {kind} test run id in the output");
        return match.Groups[1].Value;
    }

    async Task<string> SqlAsync(string sql)
    {
        using var docker = await DockerEngine.ConnectAsync(CancellationToken.None);
        var (exit, text) = await StandIn.ExecAsync(docker, LocalNames.Container(deployment.Name, "mysql", 1),
            $"mysql -uroot -p\"$MYSQL_ROOT_PASSWORD\" --batch --skip-column-names edxapp -e \"{sql}\"");
        Assert.True(exit == 0, text);
        return text.Trim();
    }
}
