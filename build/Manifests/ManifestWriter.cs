using System.Text;

namespace Mooc.Manifests;

/// <summary>Writes rendered objects one file each into a directory, removing stale .yaml files and leaving unchanged files untouched.</summary>
public static class ManifestWriter
{
    /// <summary>Returns what changed: files written (new or different) and files removed.</summary>
    public static async Task<ManifestWriteResult> WriteAsync(IReadOnlyList<RenderedObject> objects, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var rendered in objects)
        {
            var path = Path.Combine(directory, rendered.FileName);
            var yaml = rendered.ToYaml();
            if (File.Exists(path) && await File.ReadAllTextAsync(path, ct) == yaml) continue;
            await File.WriteAllTextAsync(path, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
            written.Add(rendered.FileName);
        }
        var keep = objects.Select(o => o.FileName).ToHashSet(StringComparer.Ordinal);
        var removed = Directory.GetFiles(directory, "*.yaml").Select(Path.GetFileName).OfType<string>().Where(f => !keep.Contains(f)).Order(StringComparer.Ordinal).ToList();
        foreach (var stale in removed) File.Delete(Path.Combine(directory, stale));
        return new ManifestWriteResult(directory, objects.Count, written, removed);
    }
}

/// <param name="Written">Files created or changed.</param>
/// <param name="Removed">Stale files deleted (objects the platform no longer renders).</param>
public sealed record ManifestWriteResult(string Directory, int ObjectCount, IReadOnlyList<string> Written, IReadOnlyList<string> Removed);
