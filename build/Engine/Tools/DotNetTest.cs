using System.Xml.Linq;

namespace Mooc.Build;

public sealed record TestCounts(int Passed, int Failed, int Skipped)
{
    public override string ToString() => $"{Passed} passed, {Failed} failed";
}

/// <summary>Runs 'dotnet test' and counts every test that ran from the TRX files it writes.</summary>
public static class DotNetTest
{
    public static async Task<(TestCounts Counts, ProcessResult Result)> RunAsync(string solution, string? filter, string resultsDirectory, CancellationToken ct)
    {
        if (Directory.Exists(resultsDirectory)) Directory.Delete(resultsDirectory, recursive: true);
        Directory.CreateDirectory(resultsDirectory);
        var arguments = new List<string> { "test", solution, "--logger", "trx", "--results-directory", resultsDirectory, "-nologo" };
        if (!string.IsNullOrEmpty(filter)) arguments.AddRange(["--filter", filter]);
        var result = await ProcessRunner.RunAsync("dotnet", arguments, ct, workingDirectory: RepositoryPaths.Root, logPrefix: "test");
        return (Count(resultsDirectory), result);
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
