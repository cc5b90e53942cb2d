using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Mooc.Perf.Tests;

/// <summary>An in-process Kestrel server on 127.0.0.1 with endpoints of known latency and behaviour.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private TestServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Requests the server answered, warm-up included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Added to every /delay answer; tests raise it to slow the server down mid-run.</summary>
    public TimeSpan ExtraDelay { get; set; }

    public static async Task<TestServer> StartAsync(Action<IEndpointRouteBuilder>? extraRoutes = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        TestServer? server = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server!._requests);
            await next(context);
        });
        // Timers may fire a few milliseconds early; the delay is the contract, so finish it exactly.
        async Task DelayAsync(int ms, CancellationToken ct)
        {
            var target = TimeSpan.FromMilliseconds(ms) + server!.ExtraDelay;
            var watch = Stopwatch.StartNew();
            await Task.Delay(target, ct);
            while (watch.Elapsed < target)
            {
                await Task.Delay(1, ct);
            }
        }
        app.MapGet("/delay/{ms:int}", async (int ms, CancellationToken ct) =>
        {
            await DelayAsync(ms, ct);
            return Results.Text("ok");
        });
        app.MapGet("/delay/{ms:int}/status/{code:int}", async (int ms, int code, CancellationToken ct) =>
        {
            await DelayAsync(ms, ct);
            return Results.Text("status", statusCode: code);
        });
        app.MapGet("/status/{code:int}", (int code) => Results.Text("status", statusCode: code));
        app.MapGet("/text/{body}", (string body) => Results.Text(body));
        extraRoutes?.Invoke(app);
        await app.StartAsync();
        var address = app.Urls.Single();
        server = new TestServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    /// <summary>A port nothing listens on: the operating system's pick of a free one, released at once.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Opens <paramref name="connections"/> connections and JITs both ends, so cold-start cost stays out of measured latencies.</summary>
    public static async Task WarmUpAsync(HttpClient client, int connections)
    {
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => client.GetStringAsync("delay/5")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
