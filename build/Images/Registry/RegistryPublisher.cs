using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Images.Building;

namespace Mooc.Images.Registry;

/// <summary>Tags a built image as &lt;registry&gt;/&lt;namespace&gt;/&lt;recipe&gt;:&lt;hash&gt; and pushes it.</summary>
public static class RegistryPublisher
{
    /// <summary>Pushes <paramref name="localTag"/> (namespace/recipe:hash) to the registry; returns the pushed name.</summary>
    public static async Task<string> PushAsync(DockerClient docker, string localTag, string registry, string? credentials, CancellationToken ct)
    {
        var local = ImageReference.Parse(localTag);
        var remoteRepository = $"{registry.TrimEnd('/')}/{local.Repository}";
        var remote = $"{remoteRepository}:{local.Tag}";
        var auth = RegistryCredentials.For(registry, credentials);

        await docker.Images.TagImageAsync(localTag, new ImageTagParameters { RepositoryName = remoteRepository, Tag = local.Tag, Force = true }, ct);
        Log.Info($"Pushing {remote}");
        string? streamError = null;
        try
        {
            await docker.Images.PushImageAsync(remoteRepository, new ImagePushParameters { Tag = local.Tag }, auth,
                new ImmediateProgress<JSONMessage>(m => streamError ??= m.Error?.Message ?? (string.IsNullOrEmpty(m.ErrorMessage) ? null : m.ErrorMessage)), ct);
        }
        catch (DockerApiException e)
        {
            streamError = DockerErrors.Reason(e);
        }
        if (streamError is not null)
            throw new InvalidOperationException(
                $"Pushing image {localTag} to registry {registry} (as {remote}) failed: {streamError}. " +
                "Check that the registry answers, and that the credentials (registry credentials parameter or ~/.docker/config.json) allow pushing.");
        return remote;
    }
}
