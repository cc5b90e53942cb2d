namespace Mooc.Build;

/// <summary>The repository's generated outputs, for the Clean target.</summary>
public static class Workspace
{
    /// <summary>Removes bin/obj of every project and the test results; keeps secrets, locks and the running build's own binaries.</summary>
    public static void Clean()
    {
        var root = RepositoryPaths.Root;
        var removed = 0;
        foreach (var top in new[] { "build", "perf", "tests" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists))
        {
            foreach (var dir in Directory.EnumerateDirectories(top, "*", SearchOption.AllDirectories)
                         .Where(d => Path.GetFileName(d) is "bin" or "obj").ToList())
            {
                if (!Directory.Exists(dir)) continue;
                Directory.Delete(dir, recursive: true);
                removed++;
            }
        }
        var results = Path.Combine(RepositoryPaths.Temp, "test-results");
        if (Directory.Exists(results)) { Directory.Delete(results, recursive: true); removed++; }
        Log.Info($"Removed {removed} output folders");
    }
}
