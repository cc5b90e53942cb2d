using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;

namespace Mooc.Docker;

/// <summary>
/// Access to the Docker engine: DOCKER_HOST, else the default socket. When nothing answers on a
/// Debian machine where we are root, installs docker.io and starts dockerd, as the build
/// machines need; anywhere else it says what to install.
/// </summary>
public static class DockerEngine
{
    const string DefaultSocket = "unix:///var/run/docker.sock";
    static readonly SemaphoreSlim StartGate = new(1, 1);
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static Uri Endpoint => new(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultSocket);

    public static DockerClient CreateClient() =>
        new DockerClientConfiguration(Endpoint, defaultTimeout: TimeSpan.FromMinutes(10)).CreateClient();

    /// <summary>A client for an engine that answers, starting one if this machine allows; the first in a process also removes what killed runs left.</summary>
    public static async Task<DockerClient> ConnectAsync(CancellationToken ct)
    {
        var client = await AnsweringClientAsync(ct);
        await LeftoverReaper.ReapOnceAsync(client);
        return client;
    }

    static async Task<DockerClient> AnsweringClientAsync(CancellationToken ct)
    {
        var client = CreateClient();
        if (await AnswersAsync(client, ct)) return client;

        await StartGate.WaitAsync(ct);
        try
        {
            if (await AnswersAsync(client, ct)) return client;
            // Test projects run at once, each in its own process: one installs and starts dockerd, the others wait for it.
            await using var startLock = await CrossProcessLock.AcquireAsync("the Docker engine's start", "docker-engine", "dockerd start", TimeSpan.FromMinutes(10), ct);
            if (await AnswersAsync(client, ct)) return client;
            await StartLocalEngineAsync(ct);
            var started = new Wait($"the dockerd just started to answer on {Endpoint}", StartTimeout) { Hint = $"See {DaemonLog} for why." };
            return await started.UntilAsync<DockerClient>(async token => await ProblemAsync(client, token) is { } problem ? Seen.NotYet(problem) : Seen.Done(client), ct);
        }
        finally
        {
            StartGate.Release();
        }
    }

    static string DaemonLog => Path.Combine(RepositoryPaths.Temp, "dockerd.log");

    static async Task<bool> AnswersAsync(DockerClient client, CancellationToken ct) => await ProblemAsync(client, ct) is null;

    /// <summary>Null when the engine answers a ping within 5 s, else why not.</summary>
    static async Task<string?> ProblemAsync(DockerClient client, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await client.System.PingAsync(timeout.Token);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return e is OperationCanceledException ? "no answer within 5 s" : $"no answer ({e.GetBaseException().Message})";
        }
    }

    static async Task StartLocalEngineAsync(CancellationToken ct)
    {
        var isDebian = File.Exists("/etc/debian_version");
        var isRoot = Environment.UserName == "root";
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host)
            throw new InvalidOperationException($"No Docker engine answers at DOCKER_HOST={host}. Start it, or unset DOCKER_HOST to use the local socket.");
        if (!isDebian || !isRoot)
            throw new InvalidOperationException(
                "No Docker engine answers on /var/run/docker.sock. Install Docker (on Debian: 'apt-get install -y docker.io') and start it ('systemctl start docker' or 'dockerd &'), then run again.");

        if (!File.Exists("/usr/bin/dockerd"))
            await DebianPackages.EnsureAsync("docker.io", "/usr/sbin/dockerd", "to run the local Docker engine", ct);

        Log.Info($"Starting dockerd in the background (log: {DaemonLog})");
        var start = await ProcessRunner.RunAsync("sh", ["-c", $"nohup setsid dockerd > '{DaemonLog}' 2>&1 < /dev/null &"], ct, quiet: true);
        if (!start.Succeeded)
            throw new InvalidOperationException($"Could not start dockerd: {start.Tail(20)}");
    }

    /// <summary>The engine's version, for logs and for features that depend on it.</summary>
    public static async Task<VersionResponse> VersionAsync(DockerClient client, CancellationToken ct) =>
        await client.System.GetVersionAsync(ct);
}
