using System.Diagnostics;
using Mooc.Build;
using Mooc.Platform.Model;
using Spectre.Console;

namespace Mooc.Smoke;

/// <summary>
/// The platform's smoke checks against its public URL, in order. Each is retried (a platform
/// just deployed may still be warming up) until it passes or the shared deadline passes; then a
/// table of results, and any failure fails the run.
/// </summary>
public static class SmokeTests
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public static Task<IReadOnlyList<SmokeResult>> RunAsync(PlatformDefinition platform, Uri publicUrl, TimeSpan timeout, CancellationToken ct) =>
        RunAsync(platform, new SmokeEndpoint(publicUrl), timeout, ct);

    /// <param name="testRun">Marks the accounts the checks register as this test run's, for the platform to remove after it.</param>
    public static async Task<IReadOnlyList<SmokeResult>> RunAsync(PlatformDefinition platform, SmokeEndpoint endpoint, TimeSpan timeout, CancellationToken ct, string? testRun = null)
    {
        var deadline = Stopwatch.StartNew();
        using var http = SmokeCheckRunner.CreateHttpClient(endpoint);
        using var learners = SmokeCheckRunner.CreateLearnerTransport(endpoint);
        var runner = new SmokeCheckRunner(endpoint, http, learners, testRun);
        var results = new List<SmokeResult>();
        Log.Info($"Smoke tests of '{platform.Name}' against {endpoint} ({platform.SmokeChecks.Count} checks, up to {timeout.TotalSeconds:0} s)");
        foreach (var check in platform.SmokeChecks)
            results.Add(await RunOneAsync(runner, check, deadline, timeout, ct));

        Log.Info(Table(results));
        if (results.Any(r => !r.Passed)) throw new SmokeTestFailedException(results);
        Log.Success($"All {results.Count} smoke checks passed in {deadline.Elapsed.TotalSeconds:0.0} s");
        return results;
    }

    static async Task<SmokeResult> RunOneAsync(SmokeCheckRunner runner, SmokeCheck check, Stopwatch deadline, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var attempts = 0;
        var left = timeout - deadline.Elapsed;
        var wait = new Wait($"smoke check '{check.Name}' to pass", left > TimeSpan.Zero ? left : TimeSpan.Zero) { Interval = RetryDelay };
        try
        {
            return await wait.UntilAsync<SmokeResult>(async token =>
            {
                attempts++;
                try
                {
                    var (passed, seen) = await runner.AttemptAsync(check, token);
                    return passed ? Seen.Done(new SmokeResult(check.Name, SmokeCheckRunner.Describe(check), true, attempts, clock.Elapsed, seen)) : Seen.NotYet(seen);
                }
                catch (HttpRequestException e) when (e.GetBaseException() is CertificateRejectedException rejected)
                {
                    // Not retried: waiting does not change the certificate a server shows.
                    return Seen.Done(new SmokeResult(check.Name, SmokeCheckRunner.Describe(check), false, attempts, clock.Elapsed, rejected.Message));
                }
                catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    return Seen.NotYet($"{e.GetType().Name}: {e.Message}");
                }
            }, ct);
        }
        catch (WaitTimeoutException timedOut)
        {
            return new SmokeResult(check.Name, SmokeCheckRunner.Describe(check), false, attempts, clock.Elapsed, timedOut.LastState);
        }
    }

    /// <summary>The results as a table, rendered to text so it goes through the masked log like every other line.</summary>
    public static string Table(IReadOnlyList<SmokeResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Smoke tests")
            .AddColumns("Check", "What", "Result", "Attempts", "Time", "Detail");
        foreach (var r in results)
            table.AddRow(
                Markup.Escape(r.Name), Markup.Escape(r.What), r.Passed ? "[green]passed[/]" : "[red]FAILED[/]",
                r.Attempts.ToString(), $"{r.Duration.TotalSeconds:0.0} s", Markup.Escape(r.Detail));
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Yes,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Standard,
        });
        console.Profile.Width = 160;
        console.Write(table);
        return writer.ToString().TrimEnd();
    }
}
