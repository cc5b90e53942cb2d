using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Images.Registry;

namespace Mooc.Images.Building;

/// <summary>
/// Makes sure a base image is present: already here, else pulled (with the registry credentials when it comes
/// from the --registry, else those of ~/.docker/config.json), else (Debian only) made with debootstrap.
/// </summary>
static class BaseImages
{
    public static async Task<ImageInspectResponse> EnsureAsync(DockerClient docker, string reference, ImageBuildRequest request, CancellationToken ct)
    {
        if (await TryInspectAsync(docker, reference, ct) is { } present) return present;

        var parsed = ImageReference.Parse(reference);
        await using var gate = await ImageLock.AcquireAsync("base-" + reference, request.LockTimeout, ct);
        if (await TryInspectAsync(docker, reference, ct) is { } madeMeanwhile) return madeMeanwhile;

        Log.Info($"Base image {reference} is not here; pulling it from {parsed.Registry}");
        var auth = RegistryCredentials.For(parsed.Registry, parsed.Registry == request.Registry ? request.RegistryCredentials : null);
        var pullError = await TryPullAsync(docker, parsed, auth.Username is null ? null : auth, request.RegistryRetry, ct);
        if (pullError is null) return await docker.Images.InspectImageAsync(reference, ct);

        if (Debootstrap.Suite(parsed) is { } suite)
        {
            Log.Warn($"Pulling {reference} from {parsed.Registry} failed ({pullError}); making it with debootstrap instead");
            await Debootstrap.MakeImageAsync(docker, suite, parsed, ct);
            return await docker.Images.InspectImageAsync(reference, ct);
        }
        throw new InvalidOperationException(
            $"Base image {reference} is not on this engine and pulling it from registry {parsed.Registry} failed: {pullError}. " +
            "Make the registry reachable, or load the image with 'docker load'.");
    }

    public static async Task<ImageInspectResponse?> TryInspectAsync(DockerClient docker, string reference, CancellationToken ct)
    {
        try
        {
            return await docker.Images.InspectImageAsync(reference, ct);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Null when the pull worked, else the engine's reason (after retries when it was a transient one).</summary>
    static async Task<string?> TryPullAsync(DockerClient docker, ImageReference reference, AuthConfig? auth, RegistryRetry retry, CancellationToken ct)
    {
        var failure = await retry.RunAsync($"pull of {reference}", async token =>
        {
            string? streamError = null;
            try
            {
                await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.Tag }, auth,
                    new ImmediateProgress<JSONMessage>(m => streamError ??= m.Error?.Message ?? NullIfEmpty(m.ErrorMessage)), token);
            }
            catch (DockerApiException e)
            {
                return DockerErrors.Reason(e);
            }
            return streamError;
        }, ct);
        return failure is null ? null : failure.Attempts > 1 ? $"{failure.Reason} ({failure.Attempts} attempts)" : failure.Reason;
    }

    static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
