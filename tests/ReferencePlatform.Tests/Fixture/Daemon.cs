using System.Diagnostics;

namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// A long-running server process whose output goes to a log file; stopping kills its whole tree
/// (gunicorn's workers, nginx's worker), so nothing outlives the tests.
/// </summary>
public sealed class Daemon : IAsyncDisposable
{
    readonly Process _process;
    readonly StreamWriter _log;

    Daemon(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }
    public string LogPath { get; }
    public bool HasExited => _process.HasExited;

    public static Daemon Start(string name, string file, IEnumerable<string> arguments, string logDirectory,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = HostCommand.StartInfo(file, arguments, environment, workingDirectory) };
        void Write(string? line)
        {
            if (line is null) return;
            lock (log)
            {
                // Output can trail the exit by a moment; by then the log may be closed.
                if (log.BaseStream is not null) log.WriteLine(line);
            }
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new Daemon(name, process, log, logPath);
        AppDomain.CurrentDomain.ProcessExit += daemon.KillOnExit;
        return daemon;
    }

    // The test host can end without disposing fixtures (a cancelled run): leave no server behind.
    void KillOnExit(object? sender, EventArgs e) => Kill();

    /// <summary>The last lines of its log, for failure messages.</summary>
    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
    }

    /// <summary>Polls <paramref name="ready"/> until it holds; fails early, with the log, if the process dies.</summary>
    public async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready. Its log ({LogPath}):\n{Tail()}");
            try
            {
                if (await ready(deadline.Token)) return;
                await Task.Delay(200, deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s. Its log ({LogPath}):\n{Tail()}");
            }
        }
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(timeout.Token); } catch (OperationCanceledException) { }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
