using Mooc.Perf.Engine;

namespace Mooc.Perf.Tests;

public sealed class EngineCountTests
{
    [Fact]
    public async Task Iteration_bounded_run_counts_every_request_of_every_step_exactly()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var scenario = Scenario.Create("counts", async ctx =>
            {
                await Step.Run("first", ctx, () => HttpStep.GetAsync(client, "delay/1", ctx.CancellationToken));
                await Step.Run("second", ctx, () => HttpStep.GetAsync(client, "text/hello", ctx.CancellationToken, expectBody: "hello"));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 7, iterations: 250));

        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        Assert.Equal(["first", "second"], result.Steps.Select(s => s.Name));
        Assert.All(result.Steps, s => Assert.Equal(250, s.Requests));
        Assert.All(result.Steps, s => Assert.Equal(250, s.Ok));
        Assert.Equal(500, result.Total.Requests);
        Assert.Equal(250, result.IterationsOk);
        Assert.Equal(0, result.IterationsFailed);
        Assert.Equal(500, server.Requests);
        Assert.Equal(250, result["first"].StatusCodes[200]);
        Assert.Equal(250 * "hello".Length, result["second"].BytesReceived);
    }

    [Fact]
    public async Task A_failed_step_ends_its_iteration_so_later_steps_are_not_run()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var scenario = Scenario.Create("stops", async ctx =>
            {
                var path = ctx.InvocationNumber % 4 == 0 ? "status/500" : "status/200";
                await Step.Run("maybe fails", ctx, () => HttpStep.GetAsync(client, path, ctx.CancellationToken));
                await Step.Run("after", ctx, () => HttpStep.GetAsync(client, "status/200", ctx.CancellationToken));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 3, iterations: 40));

        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        Assert.Equal(40, result["maybe fails"].Requests);
        Assert.Equal(10, result["maybe fails"].Failed);
        Assert.Equal(10, result["maybe fails"].StatusCodes[500]);
        Assert.Equal(30, result["after"].Requests);
        Assert.Equal(30, result.IterationsOk);
        Assert.Equal(10, result.IterationsFailed);
    }

    [Fact]
    public async Task Each_iteration_has_its_own_invocation_number_and_starts_without_the_data_of_the_previous_one()
    {
        var invocations = new System.Collections.Concurrent.ConcurrentBag<long>();
        var scenario = Scenario.Create("fresh", async ctx =>
            {
                invocations.Add(ctx.InvocationNumber);
                var leftOver = ctx.Data.Count;
                ctx.Data["step"] = ctx.InvocationNumber;
                await Step.Run("check", ctx, () => Task.FromResult(leftOver == 0 ? Response.Ok() : Response.Fail(message: "data of an earlier iteration")));
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 3, iterations: 30));

        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        Assert.Equal(30, result.IterationsOk);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), invocations.Order());
    }

    [Fact]
    public async Task Warm_up_requests_reach_the_server_but_not_the_results()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        await TestServer.WarmUpAsync(client, connections: 2);
        var servedBefore = server.Requests;
        var scenario = HttpStep.OneGetScenario("warm", "get", client, "delay/10")
            .WithLoadSimulations(Simulation.KeepConstant(copies: 2, during: TimeSpan.FromSeconds(2)))
            .WithWarmUpDuration(TimeSpan.FromSeconds(1));

        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);

        // About half of the requests fall in the warm-up; allow generous slack either way.
        var served = server.Requests - servedBefore;
        Assert.InRange(result.Total.Requests, served / 4, served * 3 / 4);
        Assert.InRange(result.MeasuredDuration.TotalSeconds, 0.9, 1.5);
    }

    [Fact]
    public async Task Cancelling_stops_every_virtual_user_and_throws()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        var scenario = HttpStep.OneGetScenario("cancel", "slow", client, "delay/200")
            .WithLoadSimulations(Simulation.KeepConstant(copies: 5, during: TimeSpan.FromMinutes(10)))
            .WithThinkTime(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
        using var cancel = new CancellationTokenSource();

        var run = LoadRunner.RunAsync(scenario, cancel.Token);
        for (var i = 0; i < 200 && server.Requests < 10; i++)
        {
            await Task.Delay(100);
        }
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
        await Task.Delay(200);
        var servedAfterCancel = server.Requests;
        await Task.Delay(1000);
        Assert.True(servedAfterCancel >= 10, $"the load never reached the server ({servedAfterCancel} requests)");
        Assert.Equal(servedAfterCancel, server.Requests);
    }

    [Fact]
    public async Task Builders_are_immutable_and_a_scenario_whose_load_was_dropped_is_refused()
    {
        var original = Scenario.Create("immutable", _ => Task.FromResult(Response.Ok()));

        var configured = original.WithLoadSimulations(Simulation.KeepConstant(copies: 3, during: TimeSpan.FromSeconds(1)))
            .WithThinkTime(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2));

        Assert.Empty(original.LoadSimulations);
        Assert.Equal(TimeSpan.Zero, original.ThinkTimeMax);
        Assert.Single(configured.LoadSimulations);
        var error = Assert.Throws<ArgumentException>(() => original.WithLoadSimulations(
            Simulation.KeepConstant(copies: 1, during: TimeSpan.FromSeconds(1)),
            Simulation.Inject(rate: 1, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(1))));
        Assert.Contains("mix the closed model", error.Message);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => LoadRunner.RunAsync(original, CancellationToken.None));
        Assert.Contains("needs at least one load simulation", refused.Message);
    }
}
