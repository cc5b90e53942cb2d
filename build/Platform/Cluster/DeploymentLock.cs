using System.Diagnostics;
using System.Text.Json;
using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>
/// Keeps two runs against the same deployment from interleaving. The lock is an exclusive open of
/// .nuke/temp/locks/&lt;deployment&gt;.lock (an flock on Unix), so the kernel releases it when its
/// holder dies: a stale lock of a dead process is simply taken over. Who holds it (pid, host,
/// target, since) is written beside it so a waiting run can say so.
/// </summary>
public sealed class DeploymentLock : IAsyncDisposable
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
    readonly FileStream _stream;
    readonly string _holderPath;

    DeploymentLock(FileStream stream, string holderPath)
    {
        _stream = stream;
        _holderPath = holderPath;
        // A run may hold the lock until it ends rather than dispose it: its holder note goes with it,
        // so only a killed run leaves one behind (and the next run says it took that one over).
        AppDomain.CurrentDomain.ProcessExit += ForgetHolder;
    }

    void ForgetHolder(object? sender, EventArgs e)
    {
        try { File.Delete(_holderPath); } catch (IOException) { }
    }

    public sealed record Holder(int Pid, string Host, string Target, DateTimeOffset Since)
    {
        public override string ToString() => $"pid {Pid} on {Host}, target {Target}, since {Since:u}";
    }

    public static string DirectoryPath => Path.Combine(RepositoryPaths.Temp, "locks");

    /// <summary>Takes the deployment's lock, waiting up to <paramref name="timeout"/> for its holder; then fails naming the holder.</summary>
    public static async Task<DeploymentLock> AcquireAsync(string deployment, string target, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(DirectoryPath);
        var lockPath = Path.Combine(DirectoryPath, deployment + ".lock");
        var holderPath = Path.Combine(DirectoryPath, deployment + ".holder.json");
        var clock = Stopwatch.StartNew();
        TimeSpan? lastReport = null;
        while (true)
        {
            if (TryOpenExclusive(lockPath) is { } stream)
            {
                if (ReadHolder(holderPath) is { } previous && !IsAlive(previous))
                    Log.Warn($"Took over the lock on deployment '{deployment}' left by a process that is gone ({previous}).");
                var me = new Holder(Environment.ProcessId, Environment.MachineName, target, DateTimeOffset.UtcNow);
                await File.WriteAllTextAsync(holderPath, JsonSerializer.Serialize(me, ClusterJson.Default.Holder), ct);
                return new DeploymentLock(stream, holderPath);
            }

            var holder = ReadHolder(holderPath)?.ToString() ?? "another process";
            if (clock.Elapsed >= timeout)
                throw new InvalidOperationException(
                    $"Deployment '{deployment}' is locked by {holder}; waited {timeout.TotalSeconds:0} s. Wait for that run to finish (or stop it), then run again. Lock file: {lockPath}");
            if (lastReport is null || clock.Elapsed - lastReport >= ReportEvery)
            {
                Log.Info($"Deployment '{deployment}' is locked by {holder}; waiting up to {timeout.TotalSeconds:0} s");
                lastReport = clock.Elapsed;
            }
            await Task.Delay(Poll, ct);
        }
    }

    static FileStream? TryOpenExclusive(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    static Holder? ReadHolder(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), ClusterJson.Default.Holder) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    static bool IsAlive(Holder holder)
    {
        if (holder.Host != Environment.MachineName) return true;
        try
        {
            using var process = Process.GetProcessById(holder.Pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= ForgetHolder;
        ForgetHolder(null, EventArgs.Empty);
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
