using Mooc.Build;
using Mooc.Images;
using Mooc.Manifests;
using Mooc.Local;
using Mooc.Perf.Learner;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;
using Mooc.Platform.Model;

/// <summary>What the targets share within one run: the platform read once, the images built, the cluster and the deployment's lock.</summary>
partial class Build
{
    PlatformDefinition? platform;
    ImageSet? BuiltImages;
    IClusterEngine? cluster;
    ClusterDeployment? deployment;
    CrossProcessLock? deploymentLock;

    PlatformDefinition LoadedPlatform => platform ??= PlatformLoader.LoadByName(Platform, PlatformParameters());

    string DeploymentName => Deployment ?? Platform;

    /// <summary>--set pairs; their key=value form is checked with the other parameters ([Pattern] on Set).</summary>
    IReadOnlyDictionary<string, string> PlatformParameters() =>
        Set.Select(pair => pair.Split('=', 2)).GroupBy(parts => parts[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    /// <summary>A Validates check: the platform file loads, every field and reference in it checked.</summary>
    void PlatformFile() => _ = LoadedPlatform;

    /// <summary>A Validates check: the platform, and every image recipe its services name with what those build on.</summary>
    void PlatformAndRecipes() => ImageBuilder.Validate(ImageRequest());

    ImageBuildRequest ImageRequest() => new()
    {
        Recipes = LoadedPlatform.EnabledServices.Select(s => s.Image.Recipe).OfType<string>().Distinct().ToList(),
        Force = ForceImages,
        KeepFailed = KeepFailed,
        Registry = Registry,
        RegistryCredentials = RegistryCredentials,
        MaxParallelism = ImageParallelism,
    };

    /// <summary>The images the deployment runs: those the Images target built, else the existing ones (Images skipped).</summary>
    async Task<IReadOnlyDictionary<string, string>> ImageMapAsync(CancellationToken ct)
    {
        BuiltImages ??= await ImageBuilder.BuildAsync(ImageRequest() with { ExistingOnly = true }, ct);
        return BuiltImages.ToDictionary(image => image.Key, image => image.Value.Reference);
    }

    /// <summary>
    /// Renders with the pushed image names when there is a registry (the images built in this run, else the
    /// existing ones, pushed if the registry lacks them); else as committed (mooc/&lt;recipe&gt;).
    /// </summary>
    async Task<ManifestWriteResult> RenderManifestsAsync(CancellationToken ct)
    {
        var options = new RenderOptions
        {
            StorageClass = StorageClass,
            IngressClass = IngressClass,
            Hosts = Hosts,
            Images = Registry is not null ? await ImageMapAsync(ct) : new Dictionary<string, string>(),
        };
        return await ManifestWriter.WriteAsync(ManifestRenderer.Render(LoadedPlatform, options), PlatformManifests.RenderedDirectory(Platform), ct);
    }

    async Task<IClusterEngine> ClusterAsync(CancellationToken ct) => cluster ??= Cluster switch
    {
        "local" => await LocalCluster.ConnectAsync(ct),
        _ => throw new BuildException(
            $"--cluster {Cluster}: only the local Docker engine ('local') runs platforms so far; the Kubernetes engine is still to come. " +
            $"Until then: './build.sh Manifests --platform {Platform}' and 'kubectl apply -f manifests/{Platform}/rendered/'."),
    };

    /// <summary>The deployment, locked for this run: a second run against it waits (saying who holds it) or fails.</summary>
    async Task<ClusterDeployment> DeploymentAsync(CancellationToken ct)
    {
        if (deployment is not null) return deployment;
        await LockAsync(ct);
        return deployment = ClusterDeployment.Prepare(DeploymentName, LoadedPlatform, await ImageMapAsync(ct), PublicPort);
    }

    async Task RemoveDeploymentAsync(CancellationToken ct)
    {
        await LockAsync(ct);
        await (await ClusterAsync(ct)).RemoveAsync(LoadedPlatform.Name, DeploymentName, Purge, ct);
    }

    /// <summary>Held until the process ends (the lock is a flock: the system lets go even of a killed run's).</summary>
    async Task LockAsync(CancellationToken ct) =>
        deploymentLock ??= await DeploymentLock.AcquireAsync(DeploymentName, TargetExecutor.Current?.Name ?? "build", LockTimeout, ct);

    LoadTestOptions LoadTestOptionsFor(Uri publicUrl) => new()
    {
        BaseUrl = publicUrl,
        Users = Users,
        Rate = Rate,
        Duration = LoadDuration,
        RampUp = RampUp,
        WarmUp = WarmUp,
        ThinkTimeMin = ThinkTimeMin,
        ThinkTimeMax = ThinkTimeMax,
        MaxErrorPercent = MaxErrorPercent,
        MaxP95 = MaxP95,
        MinRps = MinRps,
        MaxFailures = MaxFailures,
        ResultsDirectory = Path.Combine(RootDirectory, "results", $"loadtest-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
    };
}
