using Mooc.Build;

namespace Mooc.Images.Building;

/// <summary>
/// The <see cref="CrossProcessLock"/> of one image, held while it is looked up and built, so two builds
/// running at once (e.g. two test projects) neither build the same image twice nor clash.
/// </summary>
static class ImageLock
{
    public static Task<CrossProcessLock> AcquireAsync(string image, TimeSpan timeout, CancellationToken ct) =>
        CrossProcessLock.AcquireAsync($"image {image}", "image-" + image, TargetExecutor.Current?.Name ?? "image build", timeout, ct);
}
