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

    public static Uri Endpoint => new(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultSocket);

    public static DockerClient CreateClient() =>
        new DockerClientConfiguration(Endpoint, defaultTimeout: TimeSpan.FromMinutes(10)).CreateClient();

    /// <summary>A client for an engine that answers, starting one if this machine allows.</summary>
    public static async Task<DockerClient> ConnectAsync(CancellationToken ct)
    {
        var client = CreateClient();
        if (await AnswersAsync(client, ct)) return client;

        await StartGate.WaitAsync(ct);
        try
        {
            if (await AnswersAsync(client, ct)) return client;
            // Test projects run at once, each in its own process: one installs and starts dockerd, the others wait for it.
            await using var startLock = await LockStartAsync(ct);
            if (await AnswersAsync(client, ct)) return client;
            await StartLocalEngineAsync(ct);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                if (await AnswersAsync(client, ct)) return client;
                await Task.Delay(500, ct);
            }
            throw new InvalidOperationException(
                $"dockerd was started but does not answer on {Endpoint} after 90 s. See {DaemonLog} for why.");
        }
        finally
        {
            StartGate.Release();
        }
    }

    static string DaemonLog => Path.Combine(RepositoryPaths.Temp, "dockerd.log");

    /// <summary>An exclusive open of .nuke/temp/locks/docker-engine.lock (the kernel lets go of a killed holder's).</summary>
    static async Task<FileStream> LockStartAsync(CancellationToken ct)
    {
        var path = Path.Combine(RepositoryPaths.Temp, "locks", "docker-engine.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, ct);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"Another run has held {path} for 10 minutes while installing or starting dockerd; see {DaemonLog}, or end that run.", e);
            }
        }
    }

    static async Task<bool> AnswersAsync(DockerClient client, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await client.System.PingAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return false;
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

        if (!File.Exists("/usr/sbin/dockerd") && !File.Exists("/usr/bin/dockerd"))
        {
            Log.Info("No Docker engine here: installing Debian's docker.io (one time)");
            var update = await ProcessRunner.RunAsync("apt-get", ["update", "-qq"], ct, logPrefix: "apt", quiet: true);
            var install = await ProcessRunner.RunAsync("apt-get", ["install", "-y", "-qq", "docker.io"], ct,
                environment: new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" }, logPrefix: "apt", quiet: true);
            if (!install.Succeeded)
                throw new InvalidOperationException($"Installing docker.io failed (exit {install.ExitCode}):\n{update.Tail(10)}\n{install.Tail(30)}");
        }

        Log.Info($"Starting dockerd in the background (log: {DaemonLog})");
        var start = await ProcessRunner.RunAsync("sh", ["-c", $"nohup setsid dockerd > '{DaemonLog}' 2>&1 < /dev/null &"], ct, quiet: true);
        if (!start.Succeeded)
            throw new InvalidOperationException($"Could not start dockerd: {start.Tail(20)}");
    }

    /// <summary>The engine's version, for logs and for features that depend on it.</summary>
    public static async Task<VersionResponse> VersionAsync(DockerClient client, CancellationToken ct) =>
        await client.System.GetVersionAsync(ct);
}
