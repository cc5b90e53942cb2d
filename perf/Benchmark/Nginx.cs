using System.Diagnostics;
using System.Net.Sockets;

namespace Mooc.Perf.Benchmark;

/// <summary>nginx with one worker pinned to a core, serving a 2-byte answer on 127.0.0.1, for as long as it is not disposed.</summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private Nginx(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Url = $"http://127.0.0.1:{port}/";
    }

    public string Url { get; }

    public static async Task<Nginx> StartAsync(string template, int cpu, int port, CancellationToken ct)
    {
        var prefix = Directory.CreateTempSubdirectory("perf-bench-nginx-").FullName;
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(template, ct))
            .Replace("{{prefix}}", prefix).Replace("{{port}}", port.ToString()), ct);
        var process = Process.Start(new ProcessStartInfo("taskset", ["-c", cpu.ToString(), "nginx", "-p", prefix, "-c", config])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start nginx; install it with apt-get install nginx");
        var nginx = new Nginx(process, prefix, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync(ct)}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, ct);
                return nginx;
            }
            catch (SocketException)
            {
                await Task.Delay(50, ct);
            }
        }
        await nginx.DisposeAsync();
        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within 5 s; see {prefix}/error.log");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // nginx's master stops its worker on SIGQUIT/SIGTERM; Kill() would leave the worker behind.
            using var stop = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await stop.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }
}
