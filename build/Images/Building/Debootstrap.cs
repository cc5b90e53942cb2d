using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;

namespace Mooc.Images.Building;

/// <summary>
/// Makes a Debian base image without a registry: debootstrap --variant=minbase from Debian's mirror,
/// then an import. The build machines reach only Debian's mirror, so this is how debian:bookworm appears.
/// </summary>
static class Debootstrap
{
    const string Mirror = "http://deb.debian.org/debian";
    static readonly string[] Suites = ["bookworm", "trixie", "bullseye", "sid", "stable", "testing", "oldstable"];

    /// <summary>The Debian suite a reference such as debian:bookworm or debian:bookworm-slim names, or null.</summary>
    public static string? Suite(ImageReference reference)
    {
        if (reference.Repository is not ("debian" or "library/debian" or "docker.io/library/debian")) return null;
        var suite = reference.Tag.Replace("-slim", "", StringComparison.Ordinal);
        return Suites.Contains(suite) ? suite : null;
    }

    public static async Task MakeImageAsync(DockerClient docker, string suite, ImageReference reference, CancellationToken ct)
    {
        await DebianPackages.EnsureAsync("debootstrap", "/usr/sbin/debootstrap", "to make a Debian base image here", ct);
        // A folder per run: debian:bookworm and debian:bookworm-slim are made under different locks, maybe at once.
        var work = Path.Combine(RepositoryPaths.Temp, "debootstrap", $"{suite}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var rootfs = Path.Combine(work, "rootfs");
        var tarFile = Path.Combine(work, "rootfs.tar");
        await RemoveAsync(work, ct);
        Directory.CreateDirectory(work);
        try
        {
            var started = DateTime.UtcNow;
            Log.Info($"debootstrap --variant=minbase {suite} from {Mirror} (about a minute)");
            await BootstrapAsync(suite, rootfs, ct);

            var tar = await ProcessRunner.RunAsync("tar", ["--numeric-owner", "-C", rootfs, "-cf", tarFile, "."], ct, quiet: true);
            if (!tar.Succeeded) throw new InvalidOperationException($"Packing {rootfs} failed: {tar.Tail(10)}");

            await using (var image = File.OpenRead(tarFile))
            {
                string? error = null;
                await docker.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Repo = reference.Repository, Tag = reference.Tag, Changes = ["CMD [\"bash\"]"] },
                    image, null, new ImmediateProgress<JSONMessage>(m => error ??= m.Error?.Message), ct);
                if (error is not null) throw new InvalidOperationException($"Importing the {suite} root file system as {reference} failed: {error}");
            }
            Log.Success($"Made {reference} with debootstrap in {(DateTime.UtcNow - started).TotalSeconds:0} s");
        }
        finally
        {
            await RemoveAsync(work, CancellationToken.None);
        }
    }

    /// <summary>A mirror caught mid-sync serves a Release file whose signature does not match: such a run is tried again.</summary>
    static async Task BootstrapAsync(string suite, string rootfs, CancellationToken ct)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var bootstrap = await ProcessRunner.RunAsync("debootstrap", ["--variant=minbase", suite, rootfs, Mirror], ct, logPrefix: "debootstrap", quiet: true);
            if (bootstrap.Succeeded) return;
            if (attempt == attempts)
                throw new InvalidOperationException($"debootstrap {suite} from {Mirror} failed {attempts} times (exit {bootstrap.ExitCode}); the last lines:\n{bootstrap.Tail(30)}");
            Log.Warn($"debootstrap {suite} failed (exit {bootstrap.ExitCode}: {bootstrap.Output.LastOrDefault()}); trying again ({attempt + 1} of {attempts})");
            await RemoveAsync(rootfs, ct);
            await Task.Delay(TimeSpan.FromSeconds(5 * attempt), ct);
        }
    }

    // The root file system holds device nodes and root-owned files: rm handles them, Directory.Delete does not always.
    static async Task RemoveAsync(string path, CancellationToken ct)
    {
        if (Directory.Exists(path)) await ProcessRunner.RunAsync("rm", ["-rf", "--one-file-system", path], ct, quiet: true);
    }
}
