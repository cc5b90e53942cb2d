namespace Mooc.Build;

/// <summary>
/// The pipeline's one lock between processes, for images and deployments alike: an exclusive open of
/// .nuke/temp/locks/&lt;file&gt;.lock (an flock on Unix), so the kernel releases it when its holder
/// dies and a killed run's lock is simply taken over. Who holds it (<see cref="LockHolder"/>) is
/// written beside it, so a waiting run can say so. Taking it is a <see cref="Wait"/>: it never waits
/// past its timeout, and the timeout names the holder.
/// </summary>
public sealed class CrossProcessLock : IAsyncDisposable
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
    readonly FileStream _stream;
    readonly string _holderPath;

    CrossProcessLock(FileStream stream, string holderPath)
    {
        _stream = stream;
        _holderPath = holderPath;
        // A run may hold the lock until it ends rather than dispose it: its holder note goes with it,
        // so only a killed run leaves one behind (and the next run says it took that one over).
        AppDomain.CurrentDomain.ProcessExit += ForgetHolder;
    }

    public static string DirectoryPath => Path.Combine(RepositoryPaths.Temp, "locks");

    public static string LockPath(string file) => Path.Combine(DirectoryPath, Safe(file) + ".lock");

    public static string HolderPath(string file) => Path.Combine(DirectoryPath, Safe(file) + ".holder");

    /// <summary>
    /// Takes the lock on <paramref name="what"/> (kept in <paramref name="file"/>) for <paramref name="target"/>,
    /// waiting up to <paramref name="timeout"/> for its holder; then fails naming the holder.
    /// </summary>
    public static async Task<CrossProcessLock> AcquireAsync(string what, string file, string target, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(DirectoryPath);
        var lockPath = LockPath(file);
        var holderPath = HolderPath(file);
        var wait = new Wait($"the lock on {what}", timeout)
        {
            Interval = Poll,
            ReportEvery = ReportEvery,
            Hint = $"Wait for that run to finish (or stop it), then run again. Lock file: {lockPath}",
        };
        var stream = await wait.UntilAsync<FileStream>(_ => Task.FromResult(TryOpenExclusive(lockPath) is { } opened
            ? Seen.Done(opened)
            : Seen.NotYet($"held by {LockHolder.Read(holderPath)?.ToString() ?? "another process"}")), ct);

        if (LockHolder.Read(holderPath) is { } previous && !previous.IsAlive())
            Log.Warn($"Took over the lock on {what} left by a process that is gone ({previous}).");
        try
        {
            await LockHolder.Me(target).WriteAsync(holderPath, ct);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
        return new CrossProcessLock(stream, holderPath);
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

    static string Safe(string file) => string.Concat(file.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    void ForgetHolder(object? sender, EventArgs e)
    {
        try { File.Delete(_holderPath); } catch (IOException) { }
    }

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= ForgetHolder;
        ForgetHolder(null, EventArgs.Empty);
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
