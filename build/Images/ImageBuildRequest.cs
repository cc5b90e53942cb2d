using Mooc.Build;
using Mooc.Images.Registry;

namespace Mooc.Images;

/// <summary>What the Images target asks for. Defaults build every recipe under images/ for the local engine.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>Recipe names (folders under images/) to build, with what they depend on; null or empty builds them all.</summary>
    public IReadOnlyList<string>? Recipes { get; init; }

    /// <summary>Rebuild even when an image with the same content hash exists (--force-images).</summary>
    public bool Force { get; init; }

    /// <summary>Keep a failed step's container for inspection (--keep-failed); otherwise it is removed.</summary>
    public bool KeepFailed { get; init; }

    /// <summary>HOST[:PORT] to tag and push every image to (--registry); null keeps images on the local engine.</summary>
    public string? Registry { get; init; }

    /// <summary>"user:password" for the registry (a secret parameter); null falls back to ~/.docker/config.json.</summary>
    public string? RegistryCredentials { get; init; }

    /// <summary>How pushes and base-image pulls retry what a registry fails for a moment.</summary>
    public RegistryRetry RegistryRetry { get; init; } = new();

    /// <summary>Build nothing: use the images whose tags already exist, and fail naming any that does not (Deploy with --skip Images).</summary>
    public bool ExistingOnly { get; init; }

    /// <summary>How long to wait for another run building the same image (it holds the image's lock for its whole build).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How many independent images build at once.</summary>
    public int MaxParallelism { get; init; } = 2;

    /// <summary>The repository holding images/ and provision/.</summary>
    public string RepositoryRoot { get; init; } = RepositoryPaths.Root;

    /// <summary>Images are named &lt;namespace&gt;/&lt;recipe&gt;:&lt;hash&gt;. Tests use their own so they never touch the pipeline's images.</summary>
    public string ImageNamespace { get; init; } = "mooc";
}
