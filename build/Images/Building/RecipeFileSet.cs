using System.Formats.Tar;
using System.Security.Cryptography;
using Mooc.Images.Recipes;

namespace Mooc.Images.Building;

/// <summary>
/// The concrete files a recipe copies into its container: folders expanded, Python caches left out
/// (they change whenever someone runs the code locally and would change the image hash for nothing).
/// </summary>
sealed class RecipeFileSet
{
    public sealed record Entry(string Source, string Target, UnixFileMode Mode, bool IsDirectory);

    public IReadOnlyList<Entry> Entries { get; }

    RecipeFileSet(IReadOnlyList<Entry> entries) => Entries = entries;

    public static RecipeFileSet Of(ImageRecipe recipe)
    {
        var entries = new List<Entry>();
        foreach (var file in recipe.Files)
        {
            if (File.Exists(file.Source))
            {
                var target = file.Target.EndsWith('/') ? file.Target + Path.GetFileName(file.Source) : file.Target;
                entries.Add(new Entry(file.Source, target, ModeOf(file.Source, false), false));
                continue;
            }
            var targetRoot = file.Target.TrimEnd('/');
            entries.Add(new Entry(file.Source, targetRoot.Length == 0 ? "/" : targetRoot, DirectoryMode, true));
            foreach (var path in Directory.EnumerateFileSystemEntries(file.Source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(file.Source, path).Replace(Path.DirectorySeparatorChar, '/');
                if (IsCache(relative)) continue;
                var isDirectory = Directory.Exists(path);
                entries.Add(new Entry(path, targetRoot + "/" + relative, ModeOf(path, isDirectory), isDirectory));
            }
        }
        return new RecipeFileSet(entries);
    }

    const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    // Windows has no modes to keep: files become 0644, folders 0755 (scripts then need a chmod step).
    static UnixFileMode ModeOf(string path, bool isDirectory) =>
        OperatingSystem.IsWindows() ? (isDirectory ? DirectoryMode : FileMode) : File.GetUnixFileMode(path);

    static bool IsCache(string relative) =>
        relative.Split('/').Contains("__pycache__") || relative.EndsWith(".pyc", StringComparison.Ordinal);

    /// <summary>Feeds every target path, mode and content into the image's content hash.</summary>
    public void AddTo(IncrementalHash hash)
    {
        foreach (var entry in Entries)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{entry.Target}\0{(int)entry.Mode}\0{entry.IsDirectory}\0"));
            if (!entry.IsDirectory) hash.AppendData(File.ReadAllBytes(entry.Source));
        }
    }

    /// <summary>A tar of the files at their absolute target paths, owned by root, to extract at "/".</summary>
    public async Task<Stream> ToTarAsync(CancellationToken ct)
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var written = new HashSet<string>();
            foreach (var entry in Entries)
            {
                foreach (var parent in Parents(entry.Target))
                    if (written.Add(parent))
                        await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, parent) { Mode = DirectoryMode }, ct);
                var name = entry.Target.TrimStart('/');
                if (name.Length == 0 || !written.Add(name)) continue;
                var tarEntry = new PaxTarEntry(entry.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, name) { Mode = entry.Mode, Uid = 0, Gid = 0 };
                if (!entry.IsDirectory) tarEntry.DataStream = File.OpenRead(entry.Source);
                await writer.WriteEntryAsync(tarEntry, ct);
                if (tarEntry.DataStream is { } data) await data.DisposeAsync();
            }
        }
        tar.Position = 0;
        return tar;
    }

    static IEnumerable<string> Parents(string target)
    {
        var parts = target.Trim('/').Split('/');
        for (var i = 1; i < parts.Length; i++)
            yield return string.Join('/', parts[..i]);
    }
}
