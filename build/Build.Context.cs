using Mooc.Build;
using Mooc.Fault;
using Mooc.Images;
using Mooc.Manifests;
using Mooc.Kubernetes;
using Mooc.Local;
using Mooc.Perf.Fault;
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
    IAsyncDisposable? deploymentLock;
    PublicEntryPoint? entryPoint;

    PlatformDefinition LoadedPlatform => platform ??= LoadPlatform();

    PlatformDefinition LoadPlatform()
    {
        try
        {
            return PlatformLoader.LoadByName(Platform, PlatformParameters(), OfferedPlatformParameters());
        }
        catch (PlatformValidationException e) when (Set.Length > 0 && RememberedSource(nameof(Set)) is { } saved)
        {
            // The user typed no --set in this run: say where the values came from, or the error points only at platform.yaml.
            throw new BuildException($"{e.Message}{Environment.NewLine}The --set values ({string.Join(" ", Set)}) are the saved settings of {saved}: " +
                                     "give --set again in this run to replace them, or edit or delete that file.");
        }
    }

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
        var result = await ManifestWriter.WriteAsync(ManifestRenderer.Render(LoadedPlatform, options), PlatformManifests.OutputDirectory(Platform, ManifestsOutput), ct);
        Log.Info($"Rendered {result.ObjectCount} objects in {result.Directory}: {result.Written.Count} written, {result.Removed.Count} stale removed");
        return result;
    }

    bool OnKubernetes => Cluster != "local";

    /// <summary>A Validates check: --cluster names 'local', 'in-cluster' or a context of the kubeconfig, found before anything runs.</summary>
    void ClusterName()
    {
        if (OnKubernetes) KubeConfig.CheckContext(Cluster);
    }

    async Task<IClusterEngine> ClusterAsync(CancellationToken ct) => cluster ??= OnKubernetes
        ? await KubernetesCluster.ConnectAsync(KubernetesOptions(), ct)
        : await LocalCluster.ConnectAsync(PublicPort, ct);

    KubernetesOptions KubernetesOptions() => new()
    {
        Context = Cluster,
        Namespace = Namespace ?? DeploymentName,
        StorageClass = StorageClass,
        IngressClass = IngressClass,
        Hosts = Hosts,
        PublicUrl = PublicUrl,
        Volumes = Volumes,
        VolumeRoot = VolumeRoot,
        VolumeNode = VolumeNode,
        UsesRegistry = Registry is not null,
        RollbackOnFailure = RollbackOnFailure ?? IsServerBuild,
    };

    /// <summary>The deployment, locked for this run: a second run against it waits (saying who holds it) or fails.</summary>
    async Task<ClusterDeployment> DeploymentAsync(CancellationToken ct)
    {
        if (deployment is not null) return deployment;
        var engine = await ClusterAsync(ct);
        await LockAsync(engine, ct);
        return deployment = await WithTlsAsync(engine, await ClusterDeployment.PrepareAsync(engine, DeploymentName, LoadedPlatform, await ImageMapAsync(ct), ct), ct);
    }

    /// <summary>The public service for SmokeTest and LoadTest, open (a port-forward stays open) until the run ends.</summary>
    async Task<Uri> PublicUrlAsync(CancellationToken ct)
    {
        entryPoint ??= await (await ClusterAsync(ct)).OpenEntryPointAsync(await DeploymentAsync(ct), ct);
        return entryPoint.Url;
    }

    async Task RemoveDeploymentAsync(CancellationToken ct)
    {
        var engine = await ClusterAsync(ct);
        await LockAsync(engine, ct);
        await PlatformRollout.RemoveAsync(engine, LoadedPlatform.Name, DeploymentName, Purge, ct);
        if (Purge) ForgetRememberedSettings();
    }

    /// <summary>Held until the process ends (the local lock is a flock: the system lets go even of a killed run's; a cluster's Lease expires).</summary>
    async Task LockAsync(IClusterEngine engine, CancellationToken ct) =>
        deploymentLock ??= await engine.LockAsync(LoadedPlatform.Name, DeploymentName, TargetExecutor.Current?.Name ?? "build", LockTimeout, ct);

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
        ResultsDirectory = Path.Combine(ResultsDirectory, $"loadtest-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
    };

    /// <summary>The learner scenario at a steady rate (open model: --rate, default 0.5 learners/s), with the fault test's limits.</summary>
    FaultTestOptions FaultTestOptionsFor(Uri publicUrl) => new()
    {
        BaseUrl = publicUrl,
        Rate = Rate ?? 0.5,
        Duration = LoadDuration,
        WarmUp = WarmUp,
        FaultAt = FaultAt,
        ThinkTimeMin = ThinkTimeMin,
        ThinkTimeMax = ThinkTimeMax,
        MaxRecovery = MaxRecovery,
        MaxFailedRequests = MaxFailedRequests,
        ResultsDirectory = Path.Combine(RootDirectory, "results", $"faulttest-{DateTime.UtcNow:yyyyMMdd-HHmmss}"),
    };

    async Task<IFaultTarget> FaultTargetAsync(CancellationToken ct)
    {
        var engine = await ClusterAsync(ct);
        if (Fault == FaultKind.Node) await FaultNodes.CheckAsync(engine, ct);
        return new ReplicaFaultTarget(engine, await DeploymentAsync(ct), FaultService);
    }
}
