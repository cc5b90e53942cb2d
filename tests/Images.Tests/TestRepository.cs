using Mooc.Images;

namespace Images.Tests;

/// <summary>A throw-away repository root with images/ and provision/, whose images are named mooc-imagetest/...</summary>
sealed class TestRepository : IDisposable
{
    public const string Namespace = "mooc-imagetest";

    public string Root { get; } = Directory.CreateTempSubdirectory("mooc-images-test-").FullName;

    public TestRepository()
    {
        Directory.CreateDirectory(Path.Combine(Root, "images"));
        Directory.CreateDirectory(Path.Combine(Root, "provision"));
    }

    /// <summary>Writes a file under the root (e.g. "images/hello/image.yaml") and returns its full path.</summary>
    public string Write(string relativePath, string content, bool executable = false)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        if (executable && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    public ImageBuildRequest Request(params string[] recipes) =>
        new() { RepositoryRoot = Root, ImageNamespace = Namespace, Recipes = recipes };

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
