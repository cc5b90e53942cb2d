using Mooc.Build;

namespace Engine.Tests;

/// <summary>Tests that read what the build prints share the console, so they run one at a time.</summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

public static class ConsoleCapture
{
    /// <summary>Runs a build in-process as ./build.sh would, and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(NukeBuild build, string defaultTarget, params string[] args) =>
        await RunInAsync(TempRoot(), build, defaultTarget, args);

    /// <summary>A repository root of the test's own, with an empty .nuke folder.</summary>
    public static string TempRoot()
    {
        var root = Path.Combine(RunFolder.Value, "root-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        return root;
    }

    /// <summary>
    /// This test run's folder for the roots. No hook runs after a run's last test, so each run deletes the folders
    /// of earlier runs whose process has ended instead: the temporary folder does not fill with a run's roots.
    /// </summary>
    static readonly Lazy<string> RunFolder = new(() =>
    {
        var parent = Path.Combine(Path.GetTempPath(), "mooc-engine-tests");
        if (Directory.Exists(parent))
            foreach (var earlier in Directory.GetDirectories(parent, "run-*"))
                if (int.TryParse(Path.GetFileName(earlier)["run-".Length..], out var pid) && !Directory.Exists($"/proc/{pid}"))
                    Directory.Delete(earlier, recursive: true);
        return Directory.CreateDirectory(Path.Combine(parent, $"run-{Environment.ProcessId}")).FullName;
    });

    public static async Task<(int ExitCode, string Output)> RunInAsync(string root, NukeBuild build, string defaultTarget, params string[] args)
    {
        var original = Console.Out;
        var originalError = Console.Error;
        var capture = new StringWriter();
        Console.SetOut(capture);
        Console.SetError(capture);
        try
        {
            var exitCode = await BuildRunner.RunAsync(build, defaultTarget, args, root);
            return (exitCode, capture.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(originalError);
        }
    }
}
