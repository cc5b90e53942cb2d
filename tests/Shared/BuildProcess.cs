using System.Diagnostics;
using Mooc.Build;
using Xunit.Abstractions;

namespace Mooc.Tests.Shared;

/// <summary>
/// The real <c>./build.sh</c> as a user starts it from a terminal: in a process group of its own
/// (setsid), so a signal can go to the whole group as Ctrl-C sends it, and never to the test host.
/// Its output is kept line by line and copied to the test's output.
/// </summary>
public sealed class BuildProcess : IDisposable
{
    static readonly string BuildSh = Path.Combine(RepositoryPaths.Root, "build.sh");
    /// <summary>A cold start compiles the build first; on two shared cores that can take minutes.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    readonly Process _process;
    readonly List<string> _lines = [];
    readonly ITestOutputHelper _output;
    readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    (Func<string, bool> Match, TaskCompletionSource<string> Seen)? _awaited;

    BuildProcess(ITestOutputHelper output, string[] args)
    {
        _output = output;
        var info = new ProcessStartInfo("setsid", ["bash", BuildSh, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static BuildProcess Start(ITestOutputHelper output, params string[] args)
    {
        output.WriteLine($"$ ./build.sh {string.Join(' ', args)}");
        return new BuildProcess(output, args);
    }

    /// <summary>Runs the build to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(ITestOutputHelper output, params string[] args)
    {
        using var build = Start(output, args);
        return (await build.WaitForExitAsync(), build.Output);
    }

    /// <summary>
    /// Deletes the settings a successful Deploy through the build remembered for <paramref name="deployment"/>, as
    /// Down --purge does: a test that removes its deployment by other means leaves none behind for a later run.
    /// </summary>
    public static void ForgetSettings(string deployment)
    {
        // File.Delete takes a missing file in its stride, not a missing folder (a fresh clone has no settings yet).
        var path = RememberedSettings.FileFor(Path.Combine(RepositoryPaths.Root, ".nuke"), deployment);
        if (File.Exists(path)) File.Delete(path);
    }

    public IReadOnlyList<string> Output
    {
        get { lock (_lines) return [.. _lines]; }
    }

    void OnLine(string? line)
    {
        if (line is null) return;
        TaskCompletionSource<string>? seen = null;
        lock (_lines)
        {
            _lines.Add(line);
            if (_awaited is { } awaited && awaited.Match(line)) seen = awaited.Seen;
        }
        try { _output.WriteLine(line); } catch (InvalidOperationException) { } // the test has ended
        seen?.TrySetResult(line);
    }

    /// <summary>The first line (already printed or still to come) that matches; fails when the build ends without one.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.FirstOrDefault(match) is { } already) return already;
            _awaited = (match, seen);
        }
        var first = await Task.WhenAny(seen.Task, _exited.Task, Task.Delay(Patience));
        if (first != seen.Task)
            throw new Xunit.Sdk.XunitException($"./build.sh {(first == _exited.Task ? "ended" : $"ran {Patience.TotalMinutes:0} min")} without printing {what}.");
        return await seen.Task;
    }

    /// <summary>Sends a signal to the build's whole process group, as a terminal's Ctrl-C does.</summary>
    public async Task SignalGroupAsync(string signal)
    {
        var kill = await ProcessRunner.RunAsync("kill", ["-s", signal, "--", $"-{_process.Id}"], CancellationToken.None, quiet: true);
        Assert.True(kill.Succeeded, kill.Tail(5));
    }

    /// <summary>The build's exit code, once it ended and its output was read to the end.</summary>
    public async Task<int> WaitForExitAsync()
    {
        var ended = new Wait("./build.sh to end", Patience);
        return await ended.WithinAsync(async ct => { await _process.WaitForExitAsync(ct); return _process.ExitCode; }, CancellationToken.None);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
