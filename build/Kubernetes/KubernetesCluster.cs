using System.Net.Http;
using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Kubernetes.Diagnosis;
using Mooc.Kubernetes.Rollout;
using Mooc.Kubernetes.Status;
using Mooc.Manifests;
using Mooc.Platform.Cluster;
using Mooc.Platform.Cluster.Status;
using Mooc.Platform.Model;

namespace Mooc.Kubernetes;

/// <summary>
/// A platform run on a Kubernetes cluster through its API: the platform rendered for the server it
/// finds, applied server-side in dependency order, what it no longer renders pruned, readiness judged
/// as <c>kubectl rollout status</c> judges it, migrations as Jobs, secrets as a Secret, the lock as a
/// Lease. Every list, wait and delete is scoped by the deployment's labels, never by namespace alone.
/// </summary>
public sealed class KubernetesCluster : IClusterEngine, IDisposable
{
    readonly k8s.Kubernetes _client;
    readonly ObjectStore _store;
    readonly KubernetesOptions _options;
    readonly ServerInfo _server;
    readonly StaticVolumes? _staticVolumes;
    readonly string _disruptionBudgetApiVersion;
    bool _imagesChecked;

    KubernetesCluster(k8s.Kubernetes client, KubernetesOptions options, ServerInfo server, StaticVolumes? staticVolumes)
    {
        _client = client;
        _store = new ObjectStore(client);
        _options = options;
        _server = server;
        _staticVolumes = staticVolumes;
        _disruptionBudgetApiVersion = RenderOptions.DisruptionBudgetApiVersionServedBy(server.GroupVersions);
    }

    public static async Task<KubernetesCluster> ConnectAsync(KubernetesOptions options, CancellationToken ct)
    {
        var client = new k8s.Kubernetes(KubeConfig.ConfigurationFor(options.Context));
        ServerInfo server;
        try
        {
            server = await ServerInfo.DiscoverAsync(client, ct);
        }
        catch (HttpRequestException e)
        {
            client.Dispose();
            throw new BuildException($"--cluster {options.Context}: the API server at {client.BaseUri} does not answer ({e.Message}). Is the cluster running? (The test cluster: './build.sh ClusterUp'.)");
        }
        server.EnsureSupported(options.Context);
        var staticVolumes = options.Volumes == VolumeMode.Static
            ? StaticVolumes.For(options.Volumes, options.VolumeRoot, options.VolumeNode, (await client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.Select(n => n.Metadata.Name).ToList())
            : null;
        Log.Info($"Kubernetes {server.GitVersion} at {client.BaseUri} (context {options.Context}), namespace {options.Namespace}"
            + (staticVolumes is null ? "" : $", static volumes under {staticVolumes.Root} on node {staticVolumes.Node}"));
        return new KubernetesCluster(client, options, server, staticVolumes);
    }

    public IKubernetes Client => _client;
    public ServerInfo Server => _server;
    public string Namespace => _options.Namespace;
    public string Description => $"Kubernetes cluster of context {_options.Context} ({_server.GitVersion}), namespace {_options.Namespace}";

    public async Task<IAsyncDisposable> LockAsync(string platform, string deployment, string target, TimeSpan timeout, CancellationToken ct) =>
        await LeaseLock.AcquireAsync(_client, _options.Namespace, deployment, target, timeout, ct);

    public ISecretStore SecretStore(string platform, string deployment) => new KubernetesSecretStore(_store, _options.Namespace, platform, deployment);

    public async Task<PublicEntryPoint> OpenEntryPointAsync(ClusterDeployment deployment, CancellationToken ct)
    {
        if (_options.PublicUrl is { } url) return new PublicEntryPoint(url, "the public URL given (--public-url)");
        var service = deployment.Platform.PublicService
            ?? throw new InvalidOperationException($"Platform '{deployment.Platform.Name}' has no public service to reach (no service has 'public:').");
        var forward = await ServicePortForward.OpenAsync(_client, _options.Namespace, service.Name, service.Public!.Port, ct);
        return new PublicEntryPoint(forward.LocalUrl, $"port-forward to service/{service.Name}:{service.Public.Port} through the API server", forward);
    }

    /// <summary>The deployment's objects for this server: its PodDisruptionBudget version, its namespace, the images as built or pushed.</summary>
    public IReadOnlyList<RenderedObject> Render(ClusterDeployment deployment) => ManifestRenderer.Render(deployment.Platform, RenderOptionsFor(deployment));

    RenderOptions RenderOptionsFor(ClusterDeployment deployment) =>
        RenderOptionsFor(deployment.Name, deployment.Images, _options, _disruptionBudgetApiVersion, _staticVolumes);

    /// <summary>What <see cref="ApplyAsync"/> would apply, for any server (Preflight reviews it before there is a deployment).</summary>
    public static IReadOnlyList<RenderedObject> Render(PlatformDefinition platform, string deployment, IReadOnlyDictionary<string, string> images,
        KubernetesOptions options, string disruptionBudgetApiVersion, StaticVolumes? staticVolumes) =>
        ManifestRenderer.Render(platform, RenderOptionsFor(deployment, images, options, disruptionBudgetApiVersion, staticVolumes));

    static RenderOptions RenderOptionsFor(string deployment, IReadOnlyDictionary<string, string> images,
        KubernetesOptions options, string disruptionBudgetApiVersion, StaticVolumes? staticVolumes) => new()
    {
        Namespace = options.Namespace,
        Instance = deployment,
        StorageClass = options.StorageClass,
        IngressClass = options.IngressClass,
        Hosts = options.Hosts,
        Images = images,
        DisruptionBudgetApiVersion = disruptionBudgetApiVersion,
        StaticVolumes = staticVolumes,
    };

    public async Task<ApplyResult> ApplyAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan deadline, CancellationToken ct)
    {
        if (!_imagesChecked)
        {
            await NodeImages.EnsureReachableAsync(_client, _options.UsesRegistry, ct);
            _imagesChecked = true;
        }
        var rendered = Render(deployment);
        var existing = (await ListRenderedAsync(deployment.Platform.Name, deployment.Name, ct)).ToDictionary(o => o.Key);
        var created = new List<string>();
        var configured = new List<string>();
        var unchanged = new List<string>();
        foreach (var obj in rendered.Where(o => Belongs(o, services)))
        {
            var hash = AppliedHash.Stamp(obj.Object);
            if (existing.TryGetValue($"{obj.Kind.ToLowerInvariant()}/{obj.Name}", out var live) && live.AppliedHash == hash && !live.ChangedByOthers)
            {
                unchanged.Add(live.Key);
                continue;
            }
            var applied = await ImmutableFields.ApplyAsync(_store, obj.Object, ct);
            if (applied.Created) created.Add(applied.Key);
            else if (existing.TryGetValue(applied.Key, out var before) && before.Version == applied.Version) unchanged.Add(applied.Key);
            else configured.Add(applied.Key);
        }
        foreach (var key in created) Log.Info($"Created {key}");
        foreach (var key in configured) Log.Info($"Configured {key}");
        var removed = services is null ? await PruneAsync(rendered, existing.Values, ct) : [];
        if (services is null) await ManifestWriter.WriteAsync(rendered, AppliedDirectory(deployment.Name), ct);
        return new ApplyResult(created, configured, [], unchanged, removed);
    }

    /// <summary>What the last full apply sent, one file per object as the Manifests target writes them, to read or compare with kubectl (the Secret is never among them).</summary>
    public string AppliedDirectory(string deployment) => Path.Combine(RepositoryPaths.Temp, "applied", $"{_options.Namespace}-{deployment}");

    /// <summary>
    /// A phase applies its services' objects; the namespace, storage and every service's environment
    /// always (the migration Jobs run with the environment of services that start only after them);
    /// the ingress with everything; Jobs only as steps.
    /// </summary>
    static bool Belongs(RenderedObject obj, IReadOnlyCollection<string>? services) => obj.Kind switch
    {
        "Job" => false,
        "Namespace" or "PersistentVolume" or "PersistentVolumeClaim" or "ConfigMap" => true,
        "Ingress" => services is null,
        _ => services is null || services.Contains(obj.Object.Metadata.Labels.Label(LabelNames.Name) ?? ""),
    };

    /// <summary>What this platform made before and no longer renders goes; claims and volumes stay (they hold data), saying so.</summary>
    async Task<IReadOnlyList<string>> PruneAsync(IReadOnlyList<RenderedObject> rendered, IEnumerable<ListedObject> existing, CancellationToken ct)
    {
        var keep = rendered.Select(o => $"{o.Kind.ToLowerInvariant()}/{o.Name}").ToHashSet();
        var removed = new List<string>();
        foreach (var stale in existing.Where(o => !keep.Contains(o.Key) && !o.Terminating))
        {
            if (stale.Resource.Kind == "Namespace") continue;
            if (stale.Resource.Kind is "PersistentVolumeClaim" or "PersistentVolume")
            {
                Log.Warn($"{stale.Key} is no longer rendered but holds data: kept ('./build.sh Down --purge' or kubectl delete removes it)");
                continue;
            }
            Log.Info($"Pruning {stale.Key}: the platform no longer renders it");
            await _store.DeleteAsync(stale.Resource, _options.Namespace, stale.Name, ct);
            removed.Add(stale.Key);
        }
        return removed;
    }

    /// <summary>The kinds the renderer writes, as this server serves them.</summary>
    IReadOnlyList<ApiResource> RenderedKinds() =>
    [
        ApiResource.Of("ConfigMap", "v1"),
        ApiResource.Of("PersistentVolume", "v1"),
        ApiResource.Of("PersistentVolumeClaim", "v1"),
        ApiResource.Of("StatefulSet", "apps/v1"),
        ApiResource.Of("Deployment", "apps/v1"),
        ApiResource.Of("Service", "v1"),
        ApiResource.Of("Ingress", "networking.k8s.io/v1"),
        ApiResource.Of("NetworkPolicy", "networking.k8s.io/v1"),
        ApiResource.Of("PodDisruptionBudget", _disruptionBudgetApiVersion),
    ];

    /// <summary>What an apply may change or prune: the rendered kinds and the namespace (never pruned).</summary>
    async Task<IReadOnlyList<ListedObject>> ListRenderedAsync(string platform, string deployment, CancellationToken ct)
    {
        var selector = DeploymentLabels.RenderedSelector(platform, deployment);
        var lists = await Task.WhenAll(RenderedKinds().Append(ApiResource.Of("Namespace", "v1")).Select(kind => _store.ListAsync(kind, _options.Namespace, selector, ct)));
        return lists.SelectMany(l => l).ToList();
    }

    public async Task WaitReadyAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan deadline, CancellationToken ct)
    {
        var workloads = deployment.Services
            .Where(s => services is null || services.Contains(s.Name))
            .Select(s => new WorkloadRef(s.Kind == ServiceKind.Stateful ? WorkloadKind.StatefulSet : WorkloadKind.Deployment, s.Name))
            .ToList();
        try
        {
            await RolloutWatcher.WaitAsync(_client, _options.Namespace, workloads, deadline, ct);
        }
        catch (ServiceNotReadyException e) when (_options.RollbackOnFailure)
        {
            var rolledBack = new List<string>();
            foreach (var workload in workloads.Where(w => w.Kind == WorkloadKind.Deployment))
            {
                var current = await _client.AppsV1.ReadNamespacedDeploymentAsync(workload.Name, _options.Namespace, cancellationToken: ct);
                if (RolloutStatus.Of(current).Done) continue;
                rolledBack.Add((await DeploymentRollback.RollBackAsync(_client, _options.Namespace, workload.Name, ct)).Description);
            }
            if (rolledBack.Count == 0) throw;
            foreach (var line in rolledBack) Log.Warn(line);
            throw new ServiceNotReadyException($"{e.Summary}\n--rollback-on-failure: {string.Join("; ", rolledBack)}. The deploy still failed.", e.Diagnoses);
        }
    }

    public async Task<StepOutcome> RunStepAsync(ClusterDeployment deployment, MigrationStep step, TimeSpan deadline, CancellationToken ct)
    {
        var job = ManifestRenderer.RenderStep(deployment.Platform, RenderOptionsFor(deployment), step);
        return await new KubernetesSteps(_store, _options.Namespace).RunAsync(deployment, job, deadline, ct);
    }

    public Task<int> ExecAsync(ClusterDeployment deployment, ServiceExec exec, CancellationToken ct) =>
        KubernetesExec.RunAsync(_client, _options.Namespace, deployment, exec, ct);

    public Task<IReadOnlyList<ServiceDiagnosis>> DiagnoseAsync(ClusterDeployment deployment, string service, CancellationToken ct) =>
        PodDiagnosis.DiagnoseAsync(_client, _options.Namespace, DeploymentLabels.ServerPods(deployment.Platform.Name, deployment.Name, service), ct);

    public Task<DeploymentStatus> StatusAsync(PlatformDefinition platform, string deployment, CancellationToken ct) =>
        KubernetesStatus.ReadAsync(_client, _options, platform, deployment, ct);

    public async Task RemoveAsync(string platform, string deployment, bool purge, CancellationToken ct)
    {
        var selector = DeploymentLabels.Selector(platform, deployment);
        var kinds = RenderedKinds().Append(ApiResource.Of("Job", "batch/v1"))
            .Where(k => purge ? k.Kind != "PersistentVolume" : k.Kind is not ("PersistentVolumeClaim" or "PersistentVolume"));
        var removed = 0;
        foreach (var kind in kinds)
            foreach (var obj in await _store.ListAsync(kind, _options.Namespace, selector, ct))
            {
                if (!purge && obj.Labels.Label(LabelNames.Component) == DeploymentLabels.StateComponent) continue;
                await _store.DeleteAsync(kind, _options.Namespace, obj.Name, ct);
                removed++;
            }
        if (purge) await RemoveStaticVolumesAsync(selector, ct);
        var pods = new Wait($"the pods of deployment '{deployment}' to stop", TimeSpan.FromMinutes(2)) { ReportEvery = TimeSpan.FromSeconds(10) };
        await pods.UntilAsync<int>(async token =>
        {
            var left = (await _client.CoreV1.ListNamespacedPodAsync(_options.Namespace, labelSelector: selector, cancellationToken: token)).Items.Count;
            return left == 0 ? Seen.Done(0) : Seen.NotYet($"{left} pod(s) left");
        }, ct);
        Log.Info($"Removed deployment '{deployment}' from namespace {_options.Namespace}: {removed} objects");
        if (!purge)
        {
            Log.Info("Claims, volumes and secrets kept (--purge removes them)");
            return;
        }
        if (await Namespaces.MadeForAsync(_client, _options.Namespace, deployment, ct))
        {
            var namespaces = ApiResource.Of("Namespace", "v1");
            await _store.DeleteAsync(namespaces, null, _options.Namespace, ct);
            // A deploy into a namespace still terminating is refused: the purge ends when it is gone.
            var gone = new Wait($"namespace {_options.Namespace} to be deleted", TimeSpan.FromMinutes(3)) { ReportEvery = TimeSpan.FromSeconds(10) };
            await gone.UntilAsync<bool>(async token => await _store.GetAsync(namespaces, null, _options.Namespace, token) is null
                ? Seen.Done(true)
                : Seen.NotYet("terminating"), ct);
            Log.Info($"Purged: namespace {_options.Namespace}, which the pipeline made for this deployment, with everything in it");
        }
        else
        {
            Log.Info("Purged the deployment's claims, volumes and state");
        }
    }

    /// <summary>
    /// A purge deletes the deployment's static PersistentVolume objects (their claims are gone), but
    /// never their data: the directories stay on the node, named in the log, for whoever decides.
    /// </summary>
    async Task RemoveStaticVolumesAsync(string selector, CancellationToken ct)
    {
        var volumes = await _client.CoreV1.ListPersistentVolumeAsync(labelSelector: selector, cancellationToken: ct);
        foreach (var volume in volumes.Items)
        {
            await _store.DeleteAsync(ApiResource.Of("PersistentVolume", "v1"), null, volume.Metadata.Name, ct);
            if (StaticVolumes.IsDataVolume(volume) && volume.Spec.HostPath?.Path is { } path)
                Log.Warn($"PersistentVolume {volume.Metadata.Name} deleted; its data stays on node {string.Join(",", volume.Spec.NodeAffinity?.Required?.NodeSelectorTerms?.SelectMany(t => t.MatchExpressions).SelectMany(e => e.Values) ?? [])} in {path} (remove it there when it is no longer wanted)");
        }
    }

    public Task StopAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct) =>
        new WorkloadScale(_client, _options.Namespace).StopAsync(deployment, services, ct);

    public Task<IReadOnlyList<string>> StartAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct) =>
        new WorkloadScale(_client, _options.Namespace).StartAsync(deployment, services, ct);

    public Task<IReadOnlyList<ReplicaLog>> OpenLogsAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, LogOptions options, CancellationToken ct) =>
        new PodLogs(_client, _options.Namespace).OpenAsync(deployment, services, options, ct);

    public Task<string?> ReadMarkerAsync(ClusterDeployment deployment, string key, CancellationToken ct) =>
        new KubernetesMarkers(_store, _options.Namespace, deployment.Platform.Name, deployment.Name).ReadAsync(key, ct);

    public Task WriteMarkerAsync(ClusterDeployment deployment, string key, string value, CancellationToken ct) =>
        new KubernetesMarkers(_store, _options.Namespace, deployment.Platform.Name, deployment.Name).WriteAsync(key, value, ct);

    public Task<KilledReplica> KillReplicaAsync(ClusterDeployment deployment, string service, int replica, CancellationToken ct) =>
        new KubernetesReplicas(_client, _options.Namespace).KillAsync(deployment, service, replica, ct);

    public async Task<IReadOnlyList<string>> NodesAsync(CancellationToken ct) =>
        (await _client.CoreV1.ListNodeAsync(cancellationToken: ct)).Items.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal).ToList();

    public Task<IReadOnlyList<ReplicaState>> ReplicasAsync(ClusterDeployment deployment, string service, CancellationToken ct) =>
        new KubernetesReplicas(_client, _options.Namespace).ListAsync(deployment, service, ct);

    public void Dispose() => _client.Dispose();
}
