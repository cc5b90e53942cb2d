using System.Diagnostics;
using System.Net;
using Mooc.Build;
using Mooc.Tests.Shared;

namespace Images.Tests.Registry;

/// <summary>
/// A real registry for the tests: Debian's docker-registry (installed when missing) run as a child process
/// on a free loopback port, with storage and config in a temporary folder, optionally behind htpasswd.
/// The engine talks plain HTTP to it: Docker allows registries on 127.0.0.0/8 without TLS.
/// </summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    const string Program = "/usr/bin/docker-registry";

    readonly Process _process;
    readonly string _directory;

    LocalRegistry(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>HOST:PORT, as --registry takes it.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Starts a registry; with <paramref name="user"/> and <paramref name="password"/> it admits only them.</summary>
    public static async Task<LocalRegistry> StartAsync(CancellationToken ct, string? user = null, string? password = null)
    {
        await DebianPackages.EnsureAsync("docker-registry", Program, "for the tests' local registry", ct);
        var directory = Directory.CreateTempSubdirectory("rg-registry-").FullName;
        var port = FreePort.Next();
        var auth = "";
        if (user is not null && password is not null)
        {
            // The registry reads bcrypt lines only, as htpasswd -B writes them.
            await File.WriteAllTextAsync(Path.Combine(directory, "htpasswd"), $"{user}:{BCrypt.Net.BCrypt.HashPassword(password)}\n", ct);
            auth = $"""
                auth:
                  htpasswd:
                    realm: rg-test-registry
                    path: {directory}/htpasswd
                """;
        }
        var config = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {directory}/storage
            http:
              addr: 127.0.0.1:{port}
            {auth}
            """, ct);

        var process = Process.Start(new ProcessStartInfo(Program, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var log = new List<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, directory, port);
        try
        {
            using var http = new HttpClient();
            await new Wait($"the test registry on {registry.Address}", TimeSpan.FromSeconds(30)).UntilAsync(async token =>
            {
                if (process.HasExited) throw new InvalidOperationException($"docker-registry exited ({process.ExitCode}): {string.Join('\n', log)}");
                try
                {
                    using var response = await http.GetAsync($"http://{registry.Address}/v2/", token);
                    if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return Seen.Done(true);
                    return Seen.NotYet($"HTTP {(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    return Seen.NotYet(e.Message);
                }
            }, ct);
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
