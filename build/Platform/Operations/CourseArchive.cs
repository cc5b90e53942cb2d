using System.Formats.Tar;
using System.IO.Compression;

namespace Mooc.Platform.Operations;

/// <summary>
/// An OLX course archive (.tar.gz as Open edX exports it, or a folder holding course.xml, packed here into a
/// temporary file removed on close) as the stream the import reads on its standard input. The stream is a file
/// whose length is known: the Kubernetes engine tells the command how many bytes to read from it.
/// </summary>
public static class CourseArchive
{
    public static async Task<FileStream> OpenAsync(string path, CancellationToken ct)
    {
        if (Directory.Exists(path))
        {
            if (!File.Exists(Path.Combine(path, "course.xml")))
                throw new InvalidOperationException($"{path}: the folder has no course.xml; give an OLX course folder or its .tar.gz export (--course-archive).");
            return await PackAsync(path, ct);
        }
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path}: no such file or folder (--course-archive).");
        var file = Open(path, FileMode.Open, FileOptions.Asynchronous);
        var magic = new byte[2];
        var read = await file.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, ct);
        if (read < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            await file.DisposeAsync();
            throw new InvalidOperationException($"{path}: not a gzip-compressed tar archive (.tar.gz); export the course from Open edX Studio (Tools > Export) or pack its OLX folder with 'tar czf'.");
        }
        file.Position = 0;
        return file;
    }

    static async Task<FileStream> PackAsync(string folder, CancellationToken ct)
    {
        var packed = Open(Path.GetTempFileName(), FileMode.Create, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
                await TarFile.CreateFromDirectoryAsync(folder, gzip, includeBaseDirectory: false, ct);
            packed.Position = 0;
            return packed;
        }
        catch
        {
            await packed.DisposeAsync();
            throw;
        }
    }

    static FileStream Open(string path, FileMode mode, FileOptions options) =>
        new(path, mode, mode == FileMode.Open ? FileAccess.Read : FileAccess.ReadWrite, FileShare.Read, 1 << 16, options);
}
