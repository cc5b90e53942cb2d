using Mooc.Build;
using Mooc.Platform.Loading;

namespace Mooc.Manifests;

/// <summary>What the Manifests target does: load manifests/&lt;platform&gt;/platform.yaml, render it, write manifests/&lt;platform&gt;/rendered/.</summary>
public static class PlatformManifests
{
    public static string RenderedDirectory(string platformName) => Path.Combine(RepositoryPaths.Root, "manifests", platformName, "rendered");

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
