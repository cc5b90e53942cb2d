using System.Xml.Linq;

namespace Mooc.Build;

public sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    public override string ToString() => $"{Passed} passed, {Failed} failed";
}

/// <summary>
/// Builds the solution once, then runs its test projects (those under tests/) at the same time,
/// each in its own 'dotnet test' with its output prefixed by its name: most of them wait on the
/// Docker engine, not on the cores, and 'dotnet test' on a solution runs them one after the
/// other. A project that sets &lt;TestRunsAlone&gt;true&lt;/TestRunsAlone&gt; (timing-sensitive
/// ones) runs afterwards, by itself. Every test that ran is counted from the TRX files.
/// </summary>
public static class DotNetTest
{
    public static async Task<(TestCounts Counts, ProcessResult Result)> RunAsync(string solution, string? filter, string resultsDirectory, CancellationToken ct)
    {
        if (Directory.Exists(resultsDirectory)) Directory.Delete(resultsDirectory, recursive: true);
        Directory.CreateDirectory(resultsDirectory);

        Log.Info($"Building {solution}");
        var build = await ProcessRunner.RunAsync("dotnet", ["build", solution, "-nologo", "-v:quiet"], ct, workingDirectory: RepositoryPaths.Root, logPrefix: "build");
        if (!build.Succeeded) return (Count(resultsDirectory), build);

        var projects = TestProjects(Path.Combine(RepositoryPaths.Root, solution));
        var together = projects.Where(p => !p.RunsAlone).ToList();
        var alone = projects.Where(p => p.RunsAlone).ToList();
        Log.Info($"Running {together.Count} test projects at once: {string.Join(", ", together.Select(p => p.Name))}" +
                 (alone.Count > 0 ? $"; then by itself: {string.Join(", ", alone.Select(p => p.Name))}" : ""));

        var results = (await Task.WhenAll(together.Select(p => TestAsync(p, filter, resultsDirectory, ct)))).ToList();
        foreach (var project in alone) results.Add(await TestAsync(project, filter, resultsDirectory, ct));

        var exitCode = results.Select(r => r.ExitCode).FirstOrDefault(code => code != 0);
        return (Count(resultsDirectory), new ProcessResult(exitCode, results.SelectMany(r => r.Output).ToList()));
    }

    /// <summary>
    /// The builds the tests run are not the CI job's: under GitHub Actions they must neither write
    /// to its step summary nor change their output into log groups (the engine's tests read it).
    /// </summary>
    static readonly Dictionary<string, string?> NotThisWorkflow = new() { ["GITHUB_ACTIONS"] = null, ["GITHUB_STEP_SUMMARY"] = null };

    sealed record TestProject(string Name, string Path, bool RunsAlone);

    static Task<ProcessResult> TestAsync(TestProject project, string? filter, string resultsDirectory, CancellationToken ct)
    {
        var arguments = new List<string>
        {
            "test", project.Path, "--no-build", "--logger", "trx", "--results-directory", Path.Combine(resultsDirectory, project.Name), "-nologo",
        };
        if (!string.IsNullOrEmpty(filter)) arguments.AddRange(["--filter", filter]);
        return ProcessRunner.RunAsync("dotnet", arguments, ct, workingDirectory: RepositoryPaths.Root, environment: NotThisWorkflow, logPrefix: project.Name);
    }

    /// <summary>The solution's projects under tests/, in the order it lists them.</summary>
    static List<TestProject> TestProjects(string solution)
    {
        if (!solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
            throw new BuildException($"{solution}: the Test target reads the XML solution format (.slnx); convert it with 'dotnet sln migrate'.");
        var directory = Path.GetDirectoryName(solution)!;
        return XDocument.Load(solution).Descendants("Project")
            .Select(p => p.Attribute("Path")?.Value.Replace('\\', '/'))
            .OfType<string>()
            .Where(path => path.StartsWith("tests/", StringComparison.Ordinal))
            .Select(path =>
            {
                var full = Path.Combine(directory, path);
                var runsAlone = XDocument.Load(full).Descendants("TestRunsAlone").Any(e => e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
                return new TestProject(Path.GetFileNameWithoutExtension(path), full, runsAlone);
            })
            .ToList();
    }

    public static TestCounts Count(string resultsDirectory)
    {
        int passed = 0, failed = 0, skipped = 0;
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(file).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null) continue;
            int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
            passed += Read("passed");
            failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
            skipped += Read("notExecuted");
        }
        return new TestCounts(passed, failed, skipped);
    }
}
