namespace Mooc.Platform.Cluster.Status;

/// <summary>Where the newest reports of each kind are: results/loadtest-*, results/faulttest-* (named by their UTC start, so the name sorts by time).</summary>
public static class ReportFolders
{
    public static readonly string[] Kinds = ["loadtest", "faulttest"];

    /// <summary>Kind to the newest folder of that kind under <paramref name="results"/>, null when there is none.</summary>
    public static IReadOnlyDictionary<string, string?> Newest(string results) => Kinds.ToDictionary(
        kind => kind,
        kind => Directory.Exists(results)
            ? Directory.GetDirectories(results, kind + "-*").OrderBy(Path.GetFileName, StringComparer.Ordinal).LastOrDefault()
            : null);
}
