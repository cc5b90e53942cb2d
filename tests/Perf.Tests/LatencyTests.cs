using System.Collections.Concurrent;
using System.Diagnostics;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Tests;

public sealed class LatencyTests
{
    // The engine's percentiles must equal the exact (nearest-rank) percentiles of the same
    // requests timed by the test itself, within HdrHistogram's 3 significant digits (0.1%) plus
    // the engine's own bookkeeping around the request (allowance: 5 ms, for a preempted thread
    // on a busy machine). Independently of machine load, nothing can come back faster than the
    // server's fixed delay.
    private const double AllowanceMs = 5;

    [Fact]
    public async Task Percentiles_match_the_exact_percentiles_of_the_same_requests_within_tolerance()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        await TestServer.WarmUpAsync(client, connections: 10);
        var timedByTest = new ConcurrentBag<double>();
        // 70% of requests take 20 ms, 30% take 150 ms: p50 near 20 ms, p75 and above near 150 ms.
        var scenario = Scenario.Create("latency", async ctx =>
            {
                var path = ctx.InvocationNumber % 10 < 7 ? "delay/20" : "delay/150";
                await Step.Run("get", ctx, async () =>
                {
                    var watch = Stopwatch.StartNew();
                    var response = await HttpStep.GetAsync(client, path, ctx.CancellationToken);
                    timedByTest.Add(watch.Elapsed.TotalMilliseconds);
                    return response;
                });
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 10, iterations: 200));

        var stats = (await LoadRunner.RunAsync(scenario, CancellationToken.None))["get"];

        var exact = timedByTest.Order().ToArray();
        Assert.Equal(200, stats.Requests);
        Assert.Equal(200, exact.Length);
        foreach (var percentile in new[] { 50.0, 75, 90, 95, 99 })
        {
            var truth = exact[(int)Math.Ceiling(percentile / 100 * exact.Length) - 1];
            Assert.InRange(stats.Latency.PercentileMs(percentile), truth * 0.999, truth * 1.001 + AllowanceMs);
        }
        Assert.InRange(stats.Latency.MinMs, exact[0] * 0.999, exact[0] + AllowanceMs);
        Assert.InRange(stats.Latency.MaxMs, exact[^1] * 0.999, exact[^1] + AllowanceMs);
        Assert.InRange(stats.Latency.MeanMs, exact.Average(), exact.Average() + AllowanceMs);
        Assert.True(stats.Latency.P50Ms >= 20 && stats.Latency.MinMs >= 20, $"p50 {stats.Latency.P50Ms} ms, min {stats.Latency.MinMs} ms: faster than the server's 20 ms");
        Assert.True(stats.Latency.P75Ms >= 150, $"p75 {stats.Latency.P75Ms} ms: faster than the server's 150 ms");
        // A 70/30 mix of 20 and 150 ms has a std. dev. of about 60 ms; queueing only widens it.
        Assert.True(stats.Latency.StdDevMs >= 50, $"std. dev. {stats.Latency.StdDevMs} ms");
    }

    [Fact]
    public async Task Open_model_keeps_its_arrival_rate_when_the_server_slows_down()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var scenario = HttpStep.OneGetScenario("open", "get", client, "delay/10")
            .WithLoadSimulations(Simulation.Inject(rate: 20, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(4)));

        // After a second the server needs 600 ms per request, twelve times the arrival gap:
        // a closed model would fall to a fraction of the rate, the open one must not.
        using var slowDown = new Timer(_ => server.ExtraDelay = TimeSpan.FromMilliseconds(600), null, 1000, Timeout.Infinite);
        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        var stats = result["get"];
        Assert.InRange(stats.Requests, 79, 81);
        Assert.Equal(stats.Requests, stats.Ok);
        Assert.InRange(stats.Rps, 18, 22);
        Assert.True(stats.Latency.P90Ms >= 600, $"p90 {stats.Latency.P90Ms} ms should show the slow server");
        Assert.True(stats.Latency.P50Ms >= 600, $"p50 {stats.Latency.P50Ms} ms should show the slow server");
    }

    [Fact]
    public async Task Open_model_times_from_the_intended_start_so_queueing_is_not_hidden()
    {
        await using var server = await TestServer.StartAsync();
        // One connection: requests queue behind each other in the client. The scenario waits
        // for a shared gate before its request, as a stalled client pool would.
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = server.BaseUrl };
        var scenario = HttpStep.OneGetScenario("queue", "get", client, "delay/100")
            .WithLoadSimulations(Simulation.IterationsForInject(rate: 20, interval: TimeSpan.FromSeconds(1), iterations: 20));

        var stats = (await LoadRunner.RunAsync(scenario, CancellationToken.None))["get"];

        // 20 requests of 100 ms through one connection arriving every 50 ms: the last waits
        // about 20 x 100 - 19 x 50 = 1050 ms in all. Service time alone would show 100 ms.
        Assert.Equal(20, stats.Requests);
        Assert.True(stats.Latency.MaxMs >= 900, $"max {stats.Latency.MaxMs} ms should include the queueing");
        Assert.True(stats.Latency.MeanMs >= 400, $"mean {stats.Latency.MeanMs} ms should include the queueing");
    }

    [Fact]
    public async Task Think_time_spaces_the_steps_of_a_closed_virtual_user()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var scenario = Scenario.Create("think", async ctx =>
            {
                await Step.Run("a", ctx, () => HttpStep.GetAsync(client, "delay/0", ctx.CancellationToken));
                await Step.Run("b", ctx, () => HttpStep.GetAsync(client, "delay/0", ctx.CancellationToken));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(copies: 1, during: TimeSpan.FromSeconds(2)))
            .WithThinkTime(TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(220));

        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        // One user, ~200 ms between steps, 2 s: about 10 requests; without think time thousands.
        Assert.InRange(result.Total.Requests, 6, 11);
        // Counted as latency, think time would put every request at 180 ms or more; the median, not the maximum,
        // so that one request slowed by a busy machine does not decide it.
        Assert.True(result.Total.Latency.P50Ms < 180, "think time must not count as latency");
    }
}
