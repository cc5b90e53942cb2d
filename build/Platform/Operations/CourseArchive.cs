using System.Formats.Tar;
using System.IO.Compression;

namespace Mooc.Platform.Operations;

/// <summary>
/// An OLX course archive (.tar.gz as Open edX exports it, or a folder holding course.xml, packed here) as the
/// bytes the import step receives in its environment: a variable holds at most 128 KiB on Linux, so the
/// archive may be up to <see cref="MaxBytes"/> (an OLX course without its static files is a few KiB).
/// </summary>
public static class CourseArchive
{
    public const int MaxBytes = 90 * 1024;

    public static async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        byte[] bytes;
        if (Directory.Exists(path))
        {
            if (!File.Exists(Path.Combine(path, "course.xml")))
                throw new InvalidOperationException($"{path}: the folder has no course.xml; give an OLX course folder or its .tar.gz export (--course-archive).");
            bytes = await PackAsync(path, ct);
        }
        else if (File.Exists(path))
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
            if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
                throw new InvalidOperationException($"{path}: not a gzip-compressed tar archive (.tar.gz); export the course from Open edX Studio (Tools > Export) or pack its OLX folder with 'tar czf'.");
        }
        else
        {
            throw new InvalidOperationException($"{path}: no such file or folder (--course-archive).");
        }
        if (bytes.Length > MaxBytes)
            throw new InvalidOperationException(
                $"{path}: {bytes.Length / 1024} KiB compressed; the import takes up to {MaxBytes / 1024} KiB. Leave out the static/ folder (the reference LMS serves no course files) and pack it again.");
        return bytes;
    }

    static async Task<byte[]> PackAsync(string folder, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            await TarFile.CreateFromDirectoryAsync(folder, gzip, includeBaseDirectory: false, ct);
        return buffer.ToArray();
    }
}
