using Mooc.Build;
using Mooc.Platform.Loading;

namespace Mooc.Manifests;

/// <summary>What the Manifests target does: load manifests/&lt;platform&gt;/platform.yaml, render it, write manifests/&lt;platform&gt;/rendered/.</summary>
public static class PlatformManifests
{
    public const string OutputMarker = ".rendered-platform";

    public static string RenderedDirectory(string platformName) => Path.Combine(RepositoryPaths.Root, "manifests", platformName, "rendered");

    /// <summary>
    /// Where the Manifests target writes: the committed manifests/&lt;platform&gt;/rendered, or a folder of the
    /// user's (--manifests-output, relative to the working directory) so that trying settings leaves the work tree
    /// clean. The writer removes .yaml files the platform no longer renders, so a folder of the user's must be new,
    /// empty, or one this target wrote before (it leaves <see cref="OutputMarker"/> there); anything else is refused.
    /// </summary>
    public static string OutputDirectory(string platformName, string? given)
    {
        if (given is null) return RenderedDirectory(platformName);
        var directory = Path.GetFullPath(given);
        if (Directory.Exists(directory) && !File.Exists(Path.Combine(directory, OutputMarker)) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new BuildException($"--manifests-output {given}: {directory} holds files the Manifests target did not write, and it removes stale .yaml files where it writes. " +
                                     "Give a new or empty folder, e.g. --manifests-output /tmp/manifests-try.");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, OutputMarker), $"Rendered by ./build.sh Manifests (platform {platformName}); its .yaml files are replaced on the next render.\n");
        return directory;
    }

    /// <summary>Renders the committed manifests (default options: no image map, cluster-default storage and ingress classes).</summary>
    public static Task<ManifestWriteResult> RenderAsync(string platformName, CancellationToken ct, IReadOnlyDictionary<string, string>? parameters = null) =>
        RenderAsync(platformName, new RenderOptions(), RenderedDirectory(platformName), ct, parameters);

    public static async Task<ManifestWriteResult> RenderAsync(string platformName, RenderOptions options, string directory, CancellationToken ct, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var platform = PlatformLoader.LoadByName(platformName, parameters);
        var objects = ManifestRenderer.Render(platform, options);
        var result = await ManifestWriter.WriteAsync(objects, directory, ct);
        Log.Info($"Rendered platform '{platform.Name}': {result.ObjectCount} objects in {Path.GetRelativePath(RepositoryPaths.Root, directory)} ({result.Written.Count} written, {result.Removed.Count} stale removed, {result.ObjectCount - result.Written.Count} unchanged)");
        return result;
    }
}
