using System.Diagnostics;

namespace ReferencePlatform.Tests.Fixture;

public sealed record CommandResult(int ExitCode, string Output)
{
    public CommandResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{Output}");
}

/// <summary>Runs a short command to completion, its output and errors together.</summary>
public static class HostCommand
{
    public static async Task<CommandResult> RunAsync(
        string file, IEnumerable<string> arguments, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = new Process { StartInfo = StartInfo(file, arguments, environment, workingDirectory) };
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit();
        lock (output) return new CommandResult(process.ExitCode, output.ToString());
    }

    public static ProcessStartInfo StartInfo(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["PATH"] = HostPackages.SearchPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return info;
    }
}
