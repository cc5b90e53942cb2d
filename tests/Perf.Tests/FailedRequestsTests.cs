using Mooc.Perf.Engine;
using Mooc.Perf.Learner;
using Mooc.Perf.Reports;
using Spectre.Console;

namespace Mooc.Perf.Tests;

public sealed class FailedRequestsTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "perf-failed-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    /// <summary>Every other request fails after 400 ms with a 503; the others succeed after 5 ms.</summary>
    private static async Task<LoadResult> RunSlowFailuresFastSuccessesAsync(TestServer server)
    {
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        await TestServer.WarmUpAsync(client, connections: 4);
        var scenario = Scenario.Create("mixed", async ctx =>
            {
                var path = ctx.InvocationNumber % 2 == 0 ? "delay/5" : "delay/400/status/503";
                await Step.Run("get", ctx, () => HttpStep.GetAsync(client, path, ctx.CancellationToken));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 4, iterations: 40));
        return await LoadRunner.RunAsync(scenario, CancellationToken.None);
    }

    [Fact]
    public async Task Successful_and_failed_requests_have_separate_latency_histograms()
    {
        await using var server = await TestServer.StartAsync();

        var result = await RunSlowFailuresFastSuccessesAsync(server);

        foreach (var stats in new[] { result["get"], result.Total })
        {
            Assert.Equal(20, stats.Ok);
            Assert.Equal(20, stats.Latency.Count);
            Assert.Equal(20, stats.FailedLatency.Count);
            Assert.Equal(20, stats.FailuresByKind[FailureKind.Http5xx]);
            // No failed request can come back before the server's 400 ms; a mixed histogram would reach it too.
            Assert.True(stats.FailedLatency.MinMs >= 400, $"failed min {stats.FailedLatency.MinMs} ms");
            Assert.True(stats.Latency.MaxMs < stats.FailedLatency.MinMs,
                $"successful max {stats.Latency.MaxMs} ms should be below the failed min {stats.FailedLatency.MinMs} ms");
            Assert.True(stats.Latency.P95Ms < 400 && stats.FailedLatency.P50Ms >= 400,
                $"p95 ok {stats.Latency.P95Ms} ms, p50 failed {stats.FailedLatency.P50Ms} ms");
        }
        Assert.All(result.Total.Intervals, i => Assert.True(i.MaxMs < 400, $"interval {i.Index} max {i.MaxMs} ms mixes in failed requests"));
    }

    [Fact]
    public async Task Latency_thresholds_judge_successful_requests_and_the_error_rate_counts_the_failed()
    {
        await using var server = await TestServer.StartAsync();
        var result = await RunSlowFailuresFastSuccessesAsync(server);

        var p95 = Threshold.MaxP95(TimeSpan.FromMilliseconds(300)).Evaluate(result);
        var errors = Threshold.MaxErrorPercent(10).Evaluate(result);

        Assert.True(p95.Passed, p95.Message);
        Assert.Contains("over 20 successful requests", p95.Message);
        Assert.False(errors.Passed);
        Assert.Equal(50, errors.Measured, precision: 6);
    }

    [Fact]
    public async Task A_step_without_a_successful_request_fails_a_latency_threshold_instead_of_passing_at_zero()
    {
        using var client = new HttpClient();
        var scenario = HttpStep.OneGetScenario("down", "get", client, $"http://127.0.0.1:{TestServer.ClosedPort()}/")
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 1, iterations: 3));
        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        var p95 = Threshold.MaxP95(TimeSpan.FromSeconds(5)).Evaluate(result);

        Assert.False(p95.Passed);
        Assert.Contains("no successful request (3 failed)", p95.Message);
    }

    [Fact]
    public async Task Reports_show_successful_latency_as_the_main_figures_and_failed_requests_by_kind_apart()
    {
        await using var server = await TestServer.StartAsync();
        var result = await RunSlowFailuresFastSuccessesAsync(server);

        var markdown = MarkdownReport.Render(result, []);
        var console = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console), ColorSystem = ColorSystemSupport.NoColors });
        ansi.Profile.Width = 200;
        ConsoleReport.Write(result, [], ansi);

        foreach (var text in new[] { markdown, console.ToString() })
        {
            Assert.Contains("Latencies are of successful requests", text);
            Assert.Contains("By kind", text);
            Assert.Contains("Http5xx=20", text);
        }
        var failedRow = markdown.Split('\n').Single(l => l.StartsWith("| get | 20 | 50 |", StringComparison.Ordinal));
        Assert.True(double.Parse(failedRow.Split('|')[4]) >= 400, failedRow);
    }

    [Fact]
    public async Task A_run_against_a_closed_port_stops_after_the_max_fail_count_and_says_so()
    {
        using var client = new HttpClient();
        var scenario = HttpStep.OneGetScenario("down", "get", client, $"http://127.0.0.1:{TestServer.ClosedPort()}/")
            .WithLoadSimulations(Simulation.KeepConstant(copies: 4, during: TimeSpan.FromMinutes(10)))
            .WithMaxFailCount(20);

        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        Assert.Equal("stopped early: 21 requests failed, more than the maximum of 20 (max fail count, warm-up included)", result.StoppedEarly);
        // The 21st failure stops the load; at most one request per user was still in flight.
        Assert.InRange(result.Total.Failed, 21, 24);
        Assert.Equal(result.Total.Failed, result.Total.FailuresByKind[FailureKind.ConnectionRefused]);
        Assert.True(result.MeasuredDuration < TimeSpan.FromMinutes(10), $"ran {result.MeasuredDuration}");
    }

    [Fact]
    public async Task The_learner_load_test_against_a_platform_that_is_down_fails_saying_it_stopped_early()
    {
        var options = new LoadTestOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{TestServer.ClosedPort()}/"),
            Users = 2,
            Duration = TimeSpan.FromMinutes(10),
            WarmUp = TimeSpan.Zero,
            RampUp = TimeSpan.Zero,
            ThinkTimeMin = TimeSpan.Zero,
            ThinkTimeMax = TimeSpan.FromMilliseconds(10),
            MaxFailures = 5,
            MaxErrorPercent = 100,
            MaxP95 = null,
            ResultsDirectory = _results,
            WriteToConsole = false,
        };

        var outcome = await LearnerLoadTest.RunAsync(options, CancellationToken.None);

        Assert.False(outcome.Passed);
        Assert.Empty(outcome.Breached);
        Assert.StartsWith("load test failed: stopped early: 6 requests failed, more than the maximum of 5", outcome.Summary);
        var markdown = await File.ReadAllTextAsync(outcome.Reports.Markdown);
        Assert.Contains("stopped early: 6 requests failed", markdown);
        // No successful request: no latency shown, rather than zeros that read as instant answers.
        Assert.Matches(@"\| / \| \d+ \| 0 \| \d+ \| [\d.]+ \| - \| - \| - \|", markdown);
        Assert.Contains("stopped early: 6 requests failed", await File.ReadAllTextAsync(outcome.Reports.Html));
        Assert.Equal(outcome.Result.Total.Failed, outcome.Result["/"].FailuresByKind[FailureKind.ConnectionRefused]);
    }
}
