using Mooc.Perf.Engine;

namespace Mooc.Perf.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task Failures_are_classified_by_HTTP_5xx_timeout_connection_refused_and_wrong_content()
    {
        await using var server = await TestServer.StartAsync();
        // A timeout far from both the fast answers and the slow one, so a busy machine cannot blur them.
        using var client = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMilliseconds(1500) };
        await TestServer.WarmUpAsync(client, connections: 5);
        var closedPort = TestServer.ClosedPort();
        var scenario = Scenario.Create("failures", async ctx =>
            {
                Func<Task<Response>> request = (ctx.InvocationNumber % 5) switch
                {
                    0 => () => HttpStep.GetAsync(client, "status/503", ctx.CancellationToken),
                    1 => () => HttpStep.GetAsync(client, "delay/6000", ctx.CancellationToken),
                    2 => () => HttpStep.GetAsync(client, $"http://127.0.0.1:{closedPort}/", ctx.CancellationToken),
                    3 => () => HttpStep.GetAsync(client, "text/nope", ctx.CancellationToken, expectBody: "yes"),
                    _ => () => HttpStep.GetAsync(client, "text/yes", ctx.CancellationToken, expectBody: "yes"),
                };
                await Step.Run("mixed", ctx, request);
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.IterationsForConstant(copies: 5, iterations: 25));

        var stats = (await LoadRunner.RunAsync(scenario, CancellationToken.None))["mixed"];

        Assert.Equal(25, stats.Requests);
        Assert.Equal(5, stats.Ok);
        Assert.Equal(20, stats.Failed);
        Assert.Equal(5, stats.FailuresByKind[FailureKind.Http5xx]);
        Assert.Equal(5, stats.FailuresByKind[FailureKind.Timeout]);
        Assert.Equal(5, stats.FailuresByKind[FailureKind.ConnectionRefused]);
        Assert.Equal(5, stats.FailuresByKind[FailureKind.WrongContent]);
        Assert.Equal(5, stats.StatusCodes[503]);
        Assert.Equal(10, stats.StatusCodes[200]);
        Assert.Contains(stats.FailureMessages.Keys, m => m.Contains("body 'nope' is not 'yes'"));
        Assert.Equal(0.8, stats.ErrorRate, precision: 6);
    }
}
