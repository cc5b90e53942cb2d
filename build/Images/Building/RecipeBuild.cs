using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Images.Recipes;
using Mooc.Images.Registry;

namespace Mooc.Images.Building;

/// <summary>
/// Builds one recipe the docker commit way: base image, content hash, skip when the tag exists, else a
/// container provisioned step by step and committed with the recipe's config and our labels.
/// </summary>
sealed class RecipeBuild(DockerClient docker, ImageBuildRequest request, string sourceCommit)
{
    public async Task<BuiltImage> RunAsync(ImageRecipe recipe, IReadOnlyDictionary<string, BuiltImage> dependencies, CancellationToken ct)
    {
        try
        {
            return await BuildOrReuseAsync(recipe, dependencies, ct);
        }
        catch (DockerApiException e)
        {
            throw new InvalidOperationException($"Image '{recipe.Name}' ({recipe.RecipeFile}): the Docker engine refused: {DockerErrors.Reason(e)}", e);
        }
    }

    async Task<BuiltImage> BuildOrReuseAsync(ImageRecipe recipe, IReadOnlyDictionary<string, BuiltImage> dependencies, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var ns = request.ImageNamespace;
        var from = recipe.BaseRecipe(ns) is { } baseRecipe ? dependencies[baseRecipe].LocalTag : recipe.From;
        var baseImage = await BaseImages.EnsureAsync(docker, from, request, ct);
        var files = RecipeFileSet.Of(recipe);
        var hash = ContentHash(recipe, files, baseImage.ID, dependencies);
        var repository = $"{ns}/{recipe.Name}";
        var tag = $"{repository}:{hash}";

        await using (await ImageLock.AcquireAsync(repository, request.LockTimeout, ct))
        {
            var existing = await BaseImages.TryInspectAsync(docker, tag, ct);
            if (existing is not null && !request.Force)
            {
                Log.Info($"{recipe.Name}: {tag} exists (same recipe, files and base); skipped, not rebuilt");
                return await PublishAsync(new BuiltImage(recipe.Name, tag, null, existing.ID, hash, false, clock.Elapsed), ct);
            }
            if (request.ExistingOnly)
                throw new InvalidOperationException($"Image '{recipe.Name}': {tag} does not exist and building was skipped. Run './build.sh Images' (or Deploy without --skip Images).");
            Log.Info($"{recipe.Name}: building {tag} from {from} ({recipe.Steps.Count} steps{(request.Force && existing is not null ? ", forced" : "")})");
            var id = await ProvisionAndCommitAsync(recipe, from, baseImage, files, repository, hash, dependencies, ct);
            Log.Success($"{recipe.Name}: built {tag} in {clock.Elapsed.TotalSeconds:0.0} s");
            return await PublishAsync(new BuiltImage(recipe.Name, tag, null, id, hash, true, clock.Elapsed), ct);
        }
    }

    async Task<string> ProvisionAndCommitAsync(ImageRecipe recipe, string from, ImageInspectResponse baseImage, RecipeFileSet files,
        string repository, string hash, IReadOnlyDictionary<string, BuiltImage> dependencies, CancellationToken ct)
    {
        var buildName = $"{request.ImageNamespace}-build-{recipe.Name}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        ProvisioningServices? services = null;
        BuildContainer? container = null;
        var keep = false;
        try
        {
            // Removed when the build ends; by the next run's reaper if this one is killed first; never when kept for inspection.
            var runLabels = RunLabels.With(new Dictionary<string, string>(), request.KeepFailed ? RunLabels.KeptLifetime : RunLabels.RunLifetime);
            services = await ProvisioningServices.StartAsync(docker, recipe, buildName, dependencies, runLabels, ct);
            container = await BuildContainer.StartAsync(docker, from, buildName, recipe.Name,
                recipe.Commit.Environment.Select(e => $"{e.Key}={e.Value}").ToList(), services.Network, runLabels, ct);
            await container.CopyAsync(files, ct);

            for (var i = 0; i < recipe.Steps.Count; i++)
            {
                var step = recipe.Steps[i];
                Log.Info($"{recipe.Name}: step {i + 1}/{recipe.Steps.Count} '{step.Name}'");
                var clock = Stopwatch.StartNew();
                var result = await container.RunAsync(step, ct);
                if (result.ExitCode != 0)
                {
                    keep = request.KeepFailed;
                    throw new ImageBuildException(recipe.Name, step.Name, result.ExitCode, result.Tail, keep ? container.Name : null);
                }
                Log.Info($"{recipe.Name}: step '{step.Name}' done in {clock.Elapsed.TotalSeconds:0.0} s");
            }

            return await container.CommitAsync(repository, hash, CommitConfig(recipe, baseImage.Config ?? new Config(), hash), ct);
        }
        finally
        {
            // The build container first: a network with a container still attached cannot be removed.
            if (container is not null && !keep) await container.RemoveAsync();
            if (services is not null && !keep) await services.RemoveAsync();
        }
    }

    Config CommitConfig(ImageRecipe recipe, Config baseConfig, string hash)
    {
        var commit = recipe.Commit;
        var environment = (baseConfig.Env ?? []).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        foreach (var (key, value) in commit.Environment) environment[key] = value;
        var ports = new Dictionary<string, EmptyStruct>(baseConfig.ExposedPorts ?? new Dictionary<string, EmptyStruct>());
        foreach (var port in commit.Expose) ports[port] = default;
        var labels = new Dictionary<string, string>(baseConfig.Labels ?? new Dictionary<string, string>());
        foreach (var (key, value) in commit.Labels) labels[key] = value;
        labels[LabelNames.Recipe] = recipe.Name;
        labels[LabelNames.ContentHash] = hash;
        labels[LabelNames.SourceCommit] = sourceCommit;
        RunLabels.Blank(labels);

        // The build container's entrypoint is 'sleep infinity'; the commit must state both CMD and
        // ENTRYPOINT, or the engine would keep that one. An ENTRYPOINT resets the CMD, as in a Dockerfile.
        var entrypoint = commit.Entrypoint?.ToList() ?? baseConfig.Entrypoint?.ToList() ?? [];
        var cmd = commit.Cmd?.ToList() ?? (commit.Entrypoint is null ? baseConfig.Cmd?.ToList() : null);
        return new Config
        {
            Cmd = cmd,
            Entrypoint = entrypoint,
            Env = environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            ExposedPorts = ports,
            WorkingDir = commit.WorkingDirectory ?? baseConfig.WorkingDir ?? "",
            User = commit.User ?? baseConfig.User ?? "",
            Labels = labels,
            Volumes = baseConfig.Volumes,
            StopSignal = baseConfig.StopSignal,
        };
    }

    static string ContentHash(ImageRecipe recipe, RecipeFileSet files, string baseImageId, IReadOnlyDictionary<string, BuiltImage> dependencies)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"mooc-image-v1\0{recipe.SourceText}\0base={baseImageId}\0"));
        foreach (var (name, image) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"uses {name}={image.Id}\0"));
        files.AddTo(hash);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()[..16];
    }

    async Task<BuiltImage> PublishAsync(BuiltImage image, CancellationToken ct)
    {
        if (request.Registry is not { Length: > 0 } registry) return image;
        var pushed = await RegistryPublisher.PushAsync(docker, image.LocalTag, registry, request.RegistryCredentials, request.RegistryRetry, ct);
        return image with { PushedReference = pushed.Reference };
    }
}
