using System.Diagnostics;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Images.Building;

namespace Mooc.Images.Registry;

/// <summary>What a push did: the pushed name, the registry's digest for it, and how many layers went up or were there already.</summary>
public sealed record RegistryPush(string Reference, string? Digest, int LayersUploaded, int LayersAlreadyThere)
{
    /// <summary>Nothing was uploaded: the registry had every layer (an earlier run pushed this image).</summary>
    public bool WasThere => LayersUploaded == 0;
}

/// <summary>Tags a built image as &lt;registry&gt;/&lt;namespace&gt;/&lt;recipe&gt;:&lt;hash&gt; and pushes it through the Docker engine.</summary>
public static partial class RegistryPublisher
{
    /// <summary>
    /// Pushes <paramref name="localTag"/> (namespace/recipe:hash) to the registry, retrying transient failures
    /// as <paramref name="retry"/> says. An image the registry has already costs a look per layer and the
    /// manifest, and is reported as there.
    /// </summary>
    public static async Task<RegistryPush> PushAsync(DockerClient docker, string localTag, string registry, string? credentials, RegistryRetry retry, CancellationToken ct)
    {
        var local = ImageReference.Parse(localTag);
        var remoteRepository = $"{registry.TrimEnd('/')}/{local.Repository}";
        var remote = $"{remoteRepository}:{local.Tag}";
        var auth = RegistryCredentials.For(registry, credentials);
        await docker.Images.TagImageAsync(localTag, new ImageTagParameters { RepositoryName = remoteRepository, Tag = local.Tag, Force = true }, ct);

        var clock = Stopwatch.StartNew();
        Log.Info($"Pushing {remote}");
        var push = new PushProgress(remote);
        var failure = await retry.RunAsync($"push of {remote}", async token =>
        {
            push.NextAttempt();
            try
            {
                await docker.Images.PushImageAsync(remoteRepository, new ImagePushParameters { Tag = local.Tag }, auth, new ImmediateProgress<JSONMessage>(push.Report), token);
            }
            catch (DockerApiException e)
            {
                return DockerErrors.Reason(e);
            }
            return push.Error;
        }, ct);
        if (failure is not null)
            throw new InvalidOperationException(
                $"Pushing image {localTag} to registry {registry} (as {remote}) failed{(failure.Attempts > 1 ? $" {failure.Attempts} times" : "")}: {failure.Reason}. " +
                (failure.Transient
                    ? "The registry did not answer as it should; check that it runs and is reachable from the Docker engine, then run again."
                    : "Check the registry's name, and that the credentials (registry credentials parameter or ~/.docker/config.json) allow pushing."));

        var result = push.Result;
        Log.Info(result.WasThere
            ? $"{remote} is in {registry} already ({result.LayersAlreadyThere} layers there); nothing uploaded"
            : $"Pushed {remote} in {clock.Elapsed.TotalSeconds:0.0} s ({result.LayersUploaded} layers uploaded, {result.LayersAlreadyThere} there already)");
        return result;
    }

    /// <summary>
    /// The engine's push stream, read as it comes: layers by outcome, the digest, the first error. Layers
    /// count over all attempts: one uploaded before a failed attempt is found there by the next.
    /// </summary>
    sealed class PushProgress(string remote)
    {
        readonly HashSet<string> _uploaded = [];
        readonly HashSet<string> _there = [];
        string? _digest;

        public string? Error { get; private set; }

        public RegistryPush Result => new(remote, _digest, _uploaded.Count, _there.Count(layer => !_uploaded.Contains(layer)));

        public void NextAttempt()
        {
            _digest = null;
            Error = null;
        }

        public void Report(JSONMessage message)
        {
            Error ??= message.Error?.Message ?? (string.IsNullOrEmpty(message.ErrorMessage) ? null : message.ErrorMessage);
            var status = message.Status ?? "";
            if (status == "Pushed") _uploaded.Add(message.ID);
            else if (status == "Layer already exists" || status.StartsWith("Mounted from", StringComparison.Ordinal)) _there.Add(message.ID);
            else if (Digest().Match(status) is { Success: true } digest) _digest = digest.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex Digest();
}
