using System.Diagnostics;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Benchmark;

/// <summary>
/// The two .NET load generators the benchmark compares, each run in its own process: a bare loop
/// (one HttpClient, N async loops, no statistics) and the engine with every statistic on.
/// Both print "ok=N" on exit. Both stop after the duration or a request cap, whichever comes first.
/// </summary>
internal static class BenchTargets
{
    private const long RequestCap = 100_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var kind, var url, var connectionsText, var secondsText])
        {
            Console.Error.WriteLine("usage: bench-target bare|engine URL CONNECTIONS SECONDS");
            return 2;
        }
        var connections = int.Parse(connectionsText);
        var duration = TimeSpan.FromSeconds(double.Parse(secondsText, System.Globalization.CultureInfo.InvariantCulture));
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(url) };
        var ok = kind switch
        {
            "bare" => await BareLoopAsync(client, connections, duration),
            "engine" => await EngineAsync(client, connections, duration),
            _ => throw new ArgumentException($"bench-target kind '{kind}' is neither bare nor engine"),
        };
        Console.WriteLine($"ok={ok}");
        return 0;
    }

    private static async Task<long> BareLoopAsync(HttpClient client, int connections, TimeSpan duration)
    {
        long ok = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end && Interlocked.Read(ref ok) < RequestCap)
            {
                using var response = await client.GetAsync("");
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref ok);
                }
            }
        })));
        return ok;
    }

    private static async Task<long> EngineAsync(HttpClient client, int connections, TimeSpan duration)
    {
        var scenario = Scenario.Create("bench", async ctx =>
            {
                await Step.Run("GET /", ctx, async () =>
                {
                    using var response = await client.GetAsync("", ctx.CancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(ctx.CancellationToken);
                    return response.IsSuccessStatusCode
                        ? Response.Ok((int)response.StatusCode, body.Length)
                        : Response.Fail((int)response.StatusCode, "not 2xx", body.Length);
                });
                return Response.Ok();
            })
            .WithLoadSimulations(Simulation.KeepConstant(copies: connections, during: duration));
        var result = await LoadRunner.RunAsync(scenario, CancellationToken.None);
        Console.WriteLine($"p50_ms={result.Total.Latency.P50Ms} p99_ms={result.Total.Latency.P99Ms} intervals={result.Total.Intervals.Count}");
        return result.Total.Ok;
    }
}
