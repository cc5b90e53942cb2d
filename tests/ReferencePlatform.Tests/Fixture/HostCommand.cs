using System.Diagnostics;
using Mooc.Build;

namespace ReferencePlatform.Tests.Fixture;

public sealed record CommandResult(int ExitCode, string Output)
{
    public CommandResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed with exit code {ExitCode}:\n{Output}");
}

/// <summary>Runs host programs with the Debian packages' search path (the machine's PATH may put another python3 first).</summary>
public static class HostCommand
{
    /// <summary>A short command to completion, its output and errors together.</summary>
    public static async Task<CommandResult> RunAsync(
        string file, IEnumerable<string> arguments, CancellationToken ct,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var variables = new Dictionary<string, string?> { ["PATH"] = HostPackages.SearchPath };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) variables[key] = value;
        var result = await ProcessRunner.RunAsync(file, arguments, ct, workingDirectory, variables, quiet: true);
        return new CommandResult(result.ExitCode, string.Join('\n', result.Output) + '\n');
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
