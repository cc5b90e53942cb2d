namespace Mooc.Build;

/// <summary>Where things live in the repository, found from the working directory or the running assembly.</summary>
public static class RepositoryPaths
{
    static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder holding .nuke/; the root every relative path of the pipeline starts from.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>.nuke/temp: logs, locks, secrets and reports; never committed.</summary>
    public static string Temp
    {
        get
        {
            var path = Path.Combine(Root, ".nuke", "temp");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MOOC_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")) && File.Exists(Path.Combine(dir.FullName, "build.sh")))
                    return dir.FullName;
        }
        throw new InvalidOperationException(
            $"Cannot find the repository root (a folder with .nuke/ and build.sh) above '{Environment.CurrentDirectory}'. Run from inside the repository or set MOOC_ROOT.");
    }
}
