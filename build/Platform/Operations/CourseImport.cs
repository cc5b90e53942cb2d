using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Operations;

/// <summary>Imports an OLX course into the LMS's catalog through its import_olx command; importing again updates the course in place.</summary>
public static class CourseImport
{
    /// <param name="courseId">Import under this key (course-v1:ORG+NUMBER+RUN) instead of the archive's own.</param>
    /// <returns>The import step's report (what it imported, what it skipped).</returns>
    public static async Task<IReadOnlyList<string>> ImportAsync(IClusterEngine engine, ClusterDeployment deployment, string archive, string? courseId, TimeSpan deadline, CancellationToken ct)
    {
        ReferenceLms.Require(deployment.Platform, "ImportCourse");
        var bytes = await CourseArchive.ReadAsync(archive, ct);
        var outcome = await OneOffStep.RunAsync(engine, deployment, ReferenceLms.ImportOlx(Convert.ToBase64String(bytes), courseId), deadline, ct);
        Log.Success($"Imported {archive} ({bytes.Length / 1024.0:0.0} KiB) into deployment '{deployment.Name}'");
        return outcome.Logs;
    }
}
