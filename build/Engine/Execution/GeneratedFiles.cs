namespace Mooc.Build;

/// <summary>Files generated from the build's code (schema, workflows): rewritten only when their content changes.</summary>
public static class GeneratedFiles
{
    public static IReadOnlyList<(string RelativePath, string Content)> Generate(Type buildType, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<BuildParameter> parameters) =>
        [(".nuke/build.schema.json", SchemaGenerator.Generate(targets, parameters)), .. WorkflowGenerator.Generate(buildType, parameters)];

    public static void Update(string root, IEnumerable<(string RelativePath, string Content)> files)
    {
        foreach (var (relativePath, content) in files)
        {
            var path = Path.Combine(root, relativePath);
            if (File.Exists(path) && File.ReadAllText(path) == content) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            Log.Info($"Updated {relativePath} (generated from the build)");
        }
    }
}
