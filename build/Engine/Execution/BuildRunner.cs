using System.Diagnostics;
using Spectre.Console;

namespace Mooc.Build;

/// <summary>One run of the build: parameters, plan, execution, summary, exit code.</summary>
public static class BuildRunner
{
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    internal static List<string> FinalLines { get; } = [];

    /// <param name="root">The repository root; tests give a folder of their own.</param>
    public static async Task<int> RunAsync(NukeBuild build, string defaultTarget, string[] args, string? root = null)
    {
        SecretMaskingWriter.Install();
        UseConsoleForTables();
        FinalLines.Clear();
        try
        {
            root ??= RepositoryPaths.Root;
            var commandLine = CommandLine.Parse(args);
            var targets = TargetDiscovery.Discover(build);
            var parameters = ParameterService.Discover(build);
            parameters.Inject(build, commandLine, EnvironmentVariables(), Path.Combine(root, ".nuke"));
            GeneratedFiles.Update(root, GeneratedFiles.Generate(build.GetType(), targets, parameters.Parameters));

            if (commandLine.Has("help"))
            {
                HelpPrinter.Print(build, defaultTarget, targets, parameters.Parameters);
                return 0;
            }

            var requested = commandLine.Targets.Concat(commandLine.Values("target") ?? []).ToList();
            if (requested.Count == 0) requested.Add(defaultTarget);
            var plan = ExecutionPlanner.Plan(targets, requested, commandLine.Values("skip"));

            if (commandLine.Has("plan"))
            {
                PlanWriter.Write(targets, plan, Directory.CreateDirectory(Path.Combine(root, ".nuke", "temp")).FullName);
                return 0;
            }

            ThrowOnMissingRequirements(plan, parameters.Parameters);
            ThrowOnInvalidInputs(plan);
            return await ExecuteAsync(plan);
        }
        catch (BuildException e)
        {
            Log.Error(e.Message);
            return ExitUsage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var path = Path.Combine(RepositoryPaths.Temp, "last-error.log");
            await File.WriteAllTextAsync(path, SecretMaskingWriter.MaskText(e.ToString()));
            Log.Error($"The build stopped on an error it did not expect, a bug in the pipeline: {e.Message} (the full trace is in {path})");
            return ExitFailed;
        }
        finally
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
    }

    static async Task<int> ExecuteAsync(IReadOnlyList<PlannedTarget> plan)
    {
        using var cancellation = new CancellationTokenSource();
        using var signals = Interruption.Install(cancellation);
        var stopwatch = Stopwatch.StartNew();
        await TargetExecutor.RunAsync(plan, cancellation.Token);
        var targets = plan.Select(p => p.Target).ToList();
        BuildSummary.Write(targets, stopwatch.Elapsed);
        var succeeded = targets.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
        // Stopped by a signal is reported as such even when what ran meanwhile finished: a caller (a shell, CI) must see 130/143.
        if (Interruption.ExitCode is { } interrupted)
        {
            Log.Error($"Build stopped by {Interruption.SignalName} after {BuildSummary.FormatDuration(stopwatch.Elapsed)}; run it again to carry on");
            return interrupted;
        }
        if (succeeded) Log.Success($"Build succeeded in {BuildSummary.FormatDuration(stopwatch.Elapsed)}");
        else Log.Error($"Build failed: {string.Join(", ", targets.Where(t => t.Status is TargetStatus.Failed).Select(t => t.Name))}");
        foreach (var line in FinalLines) Console.Out.WriteLine(line);
        return succeeded ? 0 : ExitFailed;
    }

    static void ThrowOnMissingRequirements(IReadOnlyList<PlannedTarget> plan, IReadOnlyList<BuildParameter> parameters)
    {
        var missing = plan.Where(p => p.SkipReason is null)
            .SelectMany(p => p.Target.Definition.Requirements.Where(r => !r.IsMet).Select(r => (p.Target.Name, r.MemberName)))
            .Select(x =>
            {
                var parameter = parameters.FirstOrDefault(p => p.MemberName == x.MemberName);
                return parameter is null
                    ? $"Target {x.Name} requires {x.MemberName}."
                    : $"Target {x.Name} requires parameter {parameter.Option}: give it on the command line, as ${parameter.EnvironmentVariable}, or as \"{parameter.MemberName}\" in .nuke/parameters.json.";
            })
            .ToList();
        if (missing.Count > 0) throw new BuildException(string.Join("\n", missing));
    }

    /// <summary>Every target's Validates checks, each once, before the first target runs: all the mistakes found, reported together.</summary>
    static void ThrowOnInvalidInputs(IReadOnlyList<PlannedTarget> plan)
    {
        var errors = new List<string>();
        var checks = plan.Where(p => p.SkipReason is null).SelectMany(p => p.Target.Definition.Checks).Distinct();
        foreach (var check in checks)
        {
            try
            {
                check();
            }
            catch (BuildException e)
            {
                errors.Add(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"An input cannot be read: {e.Message}");
            }
        }
        if (errors.Count > 0) throw new BuildException(string.Join(Environment.NewLine, errors.Distinct()));
    }

    /// <summary>Spectre.Console keeps the writer it first saw; point it at the masked console of this run.</summary>
    static void UseConsoleForTables()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        AnsiConsole.Console = console;
    }

    static Dictionary<string, string?> EnvironmentVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
}
