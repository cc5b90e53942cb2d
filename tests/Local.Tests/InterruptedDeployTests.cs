using Mooc.Tests.Shared;
using Mooc.Build;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Xunit.Abstractions;

namespace Local.Tests;

/// <summary>
/// The real <c>./build.sh Deploy</c> of the reference platform, interrupted as a user interrupts it
/// (Ctrl-C to its process group, or killed) while <c>lms-migrate</c> runs, then run again: it must
/// converge, migrate each step once and keep the data. Every deployment made here is purged after.
/// </summary>
public sealed class InterruptedDeployTests(ITestOutputHelper output) : EngineTest
{
    /// <summary>Django prints this line per migration: seen, lms-migrate is mid-way.</summary>
    static bool MigrationApplying(string line) => line.StartsWith("[lms-migrate]") && line.Contains("Applying ");

    // The build prints this inside the step's shielded run; the step's own output can reach the test
    // after the step ended (it takes about a second), so a signal sent on it may find the next step.
    static bool MigrationStarted(string line) => line.StartsWith("Step lms-migrate:");

    string[] NewDeployment()
    {
        var name = "rt-int-" + Guid.NewGuid().ToString("N")[..6];
        Track("reference", name);
        return ["--deployment", name, "--public-port", FreePort.Next().ToString()];
    }

    [Fact]
    public async Task Ctrl_C_during_a_migration_lets_it_finish_and_the_next_deploy_runs_each_step_once()
    {
        var deployment = NewDeployment();
        var (exitCode, lines) = await DeployInterruptedDuringMigrationAsync(deployment, "INT", MigrationStarted);
        Assert.Equal(130, exitCode);
        var asked = Index(lines, l => l.Contains("Ctrl-C (SIGINT): letting the running step lms-migrate finish"));
        Assert.True(Index(lines, l => l.Contains("Step lms-migrate done")) > asked, "lms-migrate did not run to its end after Ctrl-C");
        Assert.Contains(lines, l => l.Contains("Build stopped by Ctrl-C (SIGINT)"));
        Assert.DoesNotContain(lines, l => l.Contains("Step lms-seed:"));
        Assert.DoesNotContain(lines, l => l.StartsWith("── Deploy "));

        (exitCode, var again) = await BuildProcess.RunAsync(output, ["Deploy", "--force-migrate", .. deployment]);
        Assert.Equal(0, exitCode);
        Assert.Single(again, l => l.StartsWith("Step lms-migrate:"));
        Assert.Single(again, l => l.StartsWith("Step lms-seed:"));
        // The migrations run in their phase, before the application exists, and the smoke tests pass after.
        Assert.True(Index(again, l => l.StartsWith("Step lms-seed:")) < Index(again, l => l.StartsWith("── Deploy ")));
        Assert.True(Index(again, l => l.StartsWith("── Deploy ")) < Index(again, l => l.StartsWith("── SmokeTest ")));
        Assert.Single(again, l => l.StartsWith("── Migrate "));
        Assert.True(Index(again, l => l.StartsWith("── Migrate ")) < Index(again, l => l.StartsWith("── Deploy ")));

        var (standalone, migrateOnly) = await BuildProcess.RunAsync(output, ["Migrate", .. deployment]);
        Assert.Equal(0, standalone);
        Assert.Contains(migrateOnly, l => l.Contains("Migrations up to date"));
    }

    [Fact]
    public async Task A_deploy_killed_during_a_migration_converges_on_the_next_run()
    {
        var deployment = NewDeployment();
        Assert.Equal(137, (await DeployInterruptedDuringMigrationAsync(deployment, "KILL", MigrationApplying)).ExitCode);

        var (exitCode, again) = await BuildProcess.RunAsync(output, ["Deploy", .. deployment]);
        Assert.Equal(0, exitCode);
        // The killed run's step container was left running: it was waited for, or found ended and removed, never cut off.
        var stepContainer = $"mooc-{deployment[1]}-step-lms-migrate";
        Assert.Contains(again, l => l.Contains($"{stepContainer}, started by an earlier run that was interrupted, still runs: waiting for it")
                                 || l.Contains($"Removing {stepContainer}, left by an earlier, interrupted run"));
        Assert.DoesNotContain(again, l => l.Contains("already exists"));
    }

    [Fact]
    public async Task A_migration_left_half_done_is_repaired_when_its_tables_are_empty_and_refused_when_they_hold_rows()
    {
        var deployment = NewDeployment();
        Assert.Equal(0, (await BuildProcess.RunAsync(output, ["Deploy", "--skip", "SmokeTest", .. deployment])).ExitCode);
        var mysql = LocalNames.Container(deployment[1], "mysql", 1);

        // What a migrate killed between creating a table and recording its migration leaves: the table, empty, and no record.
        await SqlAsync(mysql, "DELETE FROM django_migrations WHERE app = 'sessions'; DELETE FROM django_session;");
        var (repaired, repair) = await BuildProcess.RunAsync(output, ["Migrate", "--force-migrate", .. deployment]);
        Assert.Equal(0, repaired);
        Assert.Contains(repair, l => l.Contains("Migration sessions.0001_initial was cut off by an interrupted run: dropped the empty table(s) it had made (django_session)"));
        Assert.Contains(repair, l => l.Contains("Applying sessions.0001_initial"));
        Assert.Equal("1", await SqlAsync(mysql, "SELECT COUNT(*) FROM django_migrations WHERE app = 'sessions'"));

        // The same, but the table holds rows: nothing is dropped, and the message says how to go on.
        var courses = await SqlAsync(mysql, "SELECT COUNT(*) FROM learner_course");
        Assert.NotEqual("0", courses);
        await SqlAsync(mysql, "DELETE FROM django_migrations WHERE app = 'learner'");
        var (refused, refusal) = await BuildProcess.RunAsync(output, ["Migrate", "--force-migrate", .. deployment]);
        Assert.Equal(1, refused);
        Assert.Contains(refusal, l => l.Contains("Migration learner.0001_initial is not recorded as applied, yet tables it creates exist and hold rows:") && l.Contains("learner_course"));
        Assert.Contains(refusal, l => l.Contains("manage.py migrate learner 0001_initial --fake"));
        Assert.Equal(courses, await SqlAsync(mysql, "SELECT COUNT(*) FROM learner_course"));
    }

    [Fact]
    public async Task SIGTERM_stops_the_build_with_exit_code_143()
    {
        var name = "rt-term-" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            await using var held = await LocalLock.AcquireAsync(name, "a test", TimeSpan.Zero, CancellationToken.None);
            using var build = BuildProcess.Start(output, "Migrate", "--deployment", name);
            await build.WaitForLineAsync(l => l.Contains($"Waiting for the lock on deployment '{name}'"), "that it waits for the deployment's lock");
            await build.SignalGroupAsync("TERM");

            Assert.Equal(143, await build.WaitForExitAsync());
            Assert.Contains(build.Output, l => l.Contains("SIGTERM: stopping the running target"));
            Assert.Contains(build.Output, l => l.Contains("Build stopped by SIGTERM"));
        }
        finally
        {
            File.Delete(CrossProcessLock.LockPath(LocalLock.File(name)));
            File.Delete(CrossProcessLock.HolderPath(LocalLock.File(name)));
        }
    }

    /// <summary>A first Deploy of the deployment, sent <paramref name="signal"/> as soon as it prints the line <paramref name="when"/> looks for.</summary>
    async Task<(int ExitCode, IReadOnlyList<string> Output)> DeployInterruptedDuringMigrationAsync(string[] deployment, string signal, Func<string, bool> when)
    {
        using var build = BuildProcess.Start(output, ["Deploy", .. deployment]);
        await build.WaitForLineAsync(when, "the line the signal is sent on");
        await build.SignalGroupAsync(signal);
        return (await build.WaitForExitAsync(), build.Output);
    }

    async Task<string> SqlAsync(string container, string sql)
    {
        var (exit, text) = await StandIn.ExecAsync(Docker, container, $"mysql -uroot -p\"$MYSQL_ROOT_PASSWORD\" --batch --skip-column-names edxapp -e \"{sql}\"");
        Assert.True(exit == 0, text);
        return text.Trim();
    }

    static int Index(IReadOnlyList<string> lines, Func<string, bool> match)
    {
        for (var i = 0; i < lines.Count; i++)
            if (match(lines[i])) return i;
        throw new Xunit.Sdk.XunitException("No such line in the build's output.");
    }
}
