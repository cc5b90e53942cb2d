using Mooc.Build;

namespace Mooc.Images.Building;

/// <summary>
/// A cross-process lock per image (a file under .nuke/temp/locks held open exclusively), so two
/// builds running at once, e.g. two test projects, neither build the same image twice nor clash.
/// </summary>
sealed class ImageLock : IAsyncDisposable
{
    readonly FileStream _file;

    ImageLock(FileStream file) => _file = file;

    public static async Task<ImageLock> AcquireAsync(string name, CancellationToken ct)
    {
        var directory = Path.Combine(RepositoryPaths.Temp, "locks");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name.Replace('/', '_').Replace(':', '_') + ".lock");
        var announced = false;
        while (true)
        {
            try
            {
                return new ImageLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!announced) Log.Info($"{name}: another build holds {path}; waiting for it");
                announced = true;
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
