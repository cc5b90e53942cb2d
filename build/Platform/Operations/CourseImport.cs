using System.Text;
using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Operations;

/// <summary>
/// Imports an OLX course into the LMS's catalog: the archive streams on the standard input of import_olx run in a
/// running lms replica (Docker exec, or pod exec), so its size is not bounded by what an environment variable or a
/// command line holds. Importing again updates the course in place.
/// </summary>
public static class CourseImport
{
    /// <param name="courseId">Import under this key (course-v1:ORG+NUMBER+RUN) instead of the archive's own.</param>
    /// <param name="deadline">How long the import may take (--ready-timeout).</param>
    /// <returns>The import's report (what it imported, what it skipped).</returns>
    public static async Task<IReadOnlyList<string>> ImportAsync(IClusterEngine engine, ClusterDeployment deployment, string archive, string? courseId, TimeSpan deadline, CancellationToken ct)
    {
        ReferenceLms.Require(deployment.Platform, "ImportCourse");
        await using var input = await CourseArchive.OpenAsync(archive, ct);
        var size = input.Length;
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(deadline);
        var exec = ReferenceLms.ImportOlx(courseId) with { Stdin = input, Stdout = stdout, Stderr = stderr };
        Log.Info($"Streaming {archive} ({ByteSize.Format(size)}) into {string.Join(' ', exec.Command)} in {exec.Service} of '{deployment.Name}'");
        int exitCode;
        try
        {
            exitCode = await engine.ExecAsync(deployment, exec, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Importing {archive} did not finish within {deadline} (--ready-timeout); raise it for a large course.");
        }
        var report = Lines(stdout);
        if (exitCode != 0)
            throw new InvalidOperationException(
                $"Importing {archive} (--course-archive) failed with exit code {exitCode}:\n  " + string.Join("\n  ", Lines(stderr).TakeLast(20).Concat(report.TakeLast(5))));
        foreach (var line in report) Log.Info(line);
        Log.Success($"Imported {archive} ({ByteSize.Format(size)}) into deployment '{deployment.Name}'");
        return report;
    }

    static IReadOnlyList<string> Lines(MemoryStream output) =>
        Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
