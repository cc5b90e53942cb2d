using Mooc.Perf.Engine;

namespace Mooc.Perf.Tests;

public sealed class ThresholdTests
{
    private static async Task<LoadResult> RunHalfFailingAsync()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var scenario = Scenario.Create("thresholds", async ctx =>
            {
                await Step.Run("slow", ctx, () => HttpStep.GetAsync(client, "delay/50", ctx.CancellationToken));
                await Step.Run("half fail", ctx, () =>
                    HttpStep.GetAsync(client, ctx.InvocationNumber % 2 == 0 ? "status/500" : "status/200", ctx.CancellationToken));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 4, iterations: 40));
        return await LoadRunner.RunAsync(scenario, CancellationToken.None);
    }

    [Fact]
    public async Task Breached_thresholds_name_the_threshold_and_the_measured_value()
    {
        var result = await RunHalfFailingAsync();

        var errors = Threshold.MaxErrorPercent(10).Evaluate(result);
        var p95 = Threshold.MaxP95(TimeSpan.FromMilliseconds(20), step: "slow").Evaluate(result);
        var rps = Threshold.MinRps(1_000_000).Evaluate(result);

        Assert.False(errors.Passed);
        Assert.Equal(25, errors.Measured, precision: 6);
        Assert.Equal("max-error-percent 10%", errors.Threshold.ToString());
        Assert.Contains("error rate of all steps is 25% (20 of 80), limit 10%", errors.Message);
        Assert.False(p95.Passed);
        Assert.InRange(p95.Measured, 50, 2000);
        Assert.Contains("p95 latency of step 'slow' is", p95.Message);
        Assert.Contains("limit 20 ms", p95.Message);
        Assert.False(rps.Passed);
        Assert.Contains("minimum 1000000 req/s", rps.Message);
        Assert.StartsWith("BREACHED min-rps", rps.ToString());
    }

    [Fact]
    public async Task Thresholds_within_their_limits_pass()
    {
        var result = await RunHalfFailingAsync();

        Assert.True(Threshold.MaxErrorPercent(0, step: "slow").Evaluate(result).Passed);
        Assert.True(Threshold.MaxErrorPercent(51).Evaluate(result).Passed);
        Assert.True(Threshold.MaxP95(TimeSpan.FromSeconds(5)).Evaluate(result).Passed);
        Assert.True(Threshold.MinRps(1).Evaluate(result).Passed);
        var unknown = Threshold.MaxP95(TimeSpan.FromSeconds(5), step: "no such step").Evaluate(result);
        Assert.False(unknown.Passed);
        Assert.Contains("made no requests", unknown.Message);
    }
}
