using System.Diagnostics;

namespace Mooc.Build;

public sealed record ProcessResult(int ExitCode, IReadOnlyList<string> Output)
{
    public bool Succeeded => ExitCode == 0;
    public string Tail(int lines) => string.Join('\n', Output.TakeLast(lines));
}

/// <summary>
/// Runs a program, streams each line of its output through <see cref="Log"/> (so secrets are
/// masked), keeps the lines for error reports, and kills the whole process tree on cancellation.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? logPrefix = null,
        bool quiet = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (environment is not null)
            foreach (var (key, value) in environment) info.Environment[key] = value;

        using var process = new Process { StartInfo = info };
        var lines = new List<string>();
        var prefix = logPrefix ?? Path.GetFileName(fileName);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            if (!quiet) Log.Output(prefix, line);
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start '{fileName}': {e.Message}. Is it installed and on PATH?", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        process.WaitForExit();
        lock (lines) return new ProcessResult(process.ExitCode, lines.ToArray());
    }
}
