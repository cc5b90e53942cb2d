using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Local.Status;
using Mooc.Platform.Cluster;
using Mooc.Platform.Cluster.Status;
using Mooc.Platform.Model;

namespace Mooc.Local;

/// <summary>
/// The embedded cluster: a platform run on the local Docker engine. One network per deployment
/// (service names resolve as Kubernetes Service names: every replica carries the service's name
/// as a network alias), a named volume per claim, restart unless-stopped, health checks from the
/// probes, resource limits, replicas, the public service published on 127.0.0.1:<paramref name="publicPort"/>.
/// </summary>
public sealed class LocalCluster(DockerClient client, int publicPort = LocalCluster.DefaultPublicPort) : IClusterEngine, IDisposable
{
    public const int DefaultPublicPort = 18000;

    public static async Task<LocalCluster> ConnectAsync(int publicPort, CancellationToken ct) => new(await DockerEngine.ConnectAsync(ct), publicPort);

    public DockerClient Client => client;
    public int PublicPort => publicPort;
    public string Description => $"local Docker engine ({DockerEngine.Endpoint})";

    public async Task<IAsyncDisposable> LockAsync(string platform, string deployment, string target, TimeSpan timeout, CancellationToken ct) =>
        await LocalLock.AcquireAsync(deployment, target, timeout, ct);

    public ISecretStore SecretStore(string platform, string deployment) => new FileSecretStore(deployment);

    public Task<PublicEntryPoint> OpenEntryPointAsync(ClusterDeployment deployment, CancellationToken ct) =>
        Task.FromResult(new PublicEntryPoint(new Uri($"http://127.0.0.1:{publicPort}/"), "published on 127.0.0.1 by the local engine"));

    public async Task<ApplyResult> ApplyAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan deadline, CancellationToken ct)
    {
        await PublicPortCheck.CheckAsync(client, deployment, publicPort, ct);
        await LocalStorage.EnsureNetworkAsync(client, deployment, ct);
        await LocalStorage.EnsureVolumesAsync(client, deployment, ct);
        await LocalTlsFiles.WriteAsync(deployment, ct);
        var existing = await ListAsync(deployment.Platform.Name, deployment.Name, LocalNames.ServiceRole, ct);
        var result = new MutableResult();
        var images = new LocalImages(client);

        foreach (var service in deployment.Services.Where(s => services is null || services.Contains(s.Name)))
        {
            var imageId = await images.IdOfAsync(deployment.ImageOf(service), ct);
            var mine = existing.Where(c => c.Labels.Label(LabelNames.Name) == service.Name).ToList();
            var dependenciesReady = false;
            for (var replica = 1; replica <= service.Replicas; replica++)
            {
                var spec = ContainerSpec.ForReplica(deployment, service, replica, imageId, publicPort);
                var current = mine.FirstOrDefault(c => NameOf(c) == spec.Name);
                var action = Decide(current, spec);
                if (action == ReplicaAction.Keep)
                {
                    result.Unchanged.Add(spec.Name);
                    continue;
                }
                if (!dependenciesReady && service.DependsOn.Count > 0)
                {
                    await new LocalReadiness(client).WaitAsync(deployment, service.DependsOn, deadline, ct);
                    dependenciesReady = true;
                }
                await ActAsync(action, current, spec, result, ct);
            }
            foreach (var extra in mine.Where(c => int.TryParse(c.Labels.Label(LabelNames.Replica), out var n) && n > service.Replicas))
                await RemoveContainerAsync(extra, result, ct);
        }

        if (services is null)
        {
            var known = deployment.Services.Select(s => s.Name).ToHashSet();
            foreach (var stale in existing.Where(c => !known.Contains(c.Labels.Label(LabelNames.Name) ?? "")))
                await RemoveContainerAsync(stale, result, ct);
        }
        return result.ToResult();
    }

    enum ReplicaAction { Keep, Start, Create, Replace }

    static ReplicaAction Decide(ContainerListResponse? current, CreateContainerParameters spec)
    {
        if (current is null) return ReplicaAction.Create;
        if (current.Labels.Label(LabelNames.SpecHash) != spec.Labels[LabelNames.SpecHash]) return ReplicaAction.Replace;
        return current.State == "running" || current.State == "restarting" ? ReplicaAction.Keep : ReplicaAction.Start;
    }

    async Task ActAsync(ReplicaAction action, ContainerListResponse? current, CreateContainerParameters spec, MutableResult result, CancellationToken ct)
    {
        switch (action)
        {
            case ReplicaAction.Start:
                Log.Info($"Starting {spec.Name}");
                await StartAsync(current!.ID, spec.Name, ct);
                result.Started.Add(spec.Name);
                return;
            case ReplicaAction.Replace:
                Log.Info($"Replacing {spec.Name}: its spec or image changed");
                await StopAndRemoveAsync(current!.ID, ct);
                await CreateAndStartAsync(spec, ct);
                result.Replaced.Add(spec.Name);
                return;
            case ReplicaAction.Create:
                Log.Info($"Creating {spec.Name} ({spec.Image})");
                await CreateAndStartAsync(spec, ct);
                result.Created.Add(spec.Name);
                return;
        }
    }

    async Task CreateAndStartAsync(CreateContainerParameters spec, CancellationToken ct)
    {
        CreateContainerResponse created;
        try
        {
            created = await client.Containers.CreateContainerAsync(spec, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException(
                $"A container named '{spec.Name}' exists but is not part of this deployment (its labels differ). Remove it ('docker rm -f {spec.Name}') or choose another --deployment.", e);
        }
        await StartAsync(created.ID, spec.Name, ct);
    }

    /// <summary>Starting is where a busy public port or a missing mount shows up: say which container and what to do.</summary>
    async Task StartAsync(string id, string name, CancellationToken ct)
    {
        try
        {
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
        }
        catch (DockerApiException e)
        {
            var hint = e.ResponseBody.Contains("port is already allocated") || e.ResponseBody.Contains("address already in use")
                ? " Another program uses the public port: stop it or deploy with another public port (--public-port)."
                : "";
            throw new InvalidOperationException($"Docker could not start {name}: {e.ResponseBody.Trim()}.{hint}", e);
        }
    }

    async Task RemoveContainerAsync(ContainerListResponse container, MutableResult result, CancellationToken ct)
    {
        Log.Info($"Removing {NameOf(container)}: no longer part of the platform");
        await StopAndRemoveAsync(container.ID, ct);
        result.Removed.Add(NameOf(container));
    }

    /// <summary>Stops gracefully (databases flush) before removing; a missing container is already gone.</summary>
    internal async Task StopAndRemoveAsync(string id, CancellationToken ct)
    {
        try
        {
            await client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, ct);
            // RemoveVolumes takes the container's anonymous (pod-local) volumes with it; named claims stay.
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    internal async Task<IList<ContainerListResponse>> ListAsync(string platform, string deployment, string? role, CancellationToken ct) =>
        await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = LocalNames.Filter(platform, deployment, role) }, ct);

    internal static string NameOf(ContainerListResponse container) => container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID;

    public Task WaitReadyAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, TimeSpan deadline, CancellationToken ct) =>
        new LocalReadiness(client).WaitAsync(deployment, services ?? deployment.Services.Select(s => s.Name).ToList(), deadline, ct);

    public Task<StepOutcome> RunStepAsync(ClusterDeployment deployment, MigrationStep step, TimeSpan deadline, CancellationToken ct) =>
        new LocalSteps(this).RunAsync(deployment, step, deadline, ct);

    public Task<int> ExecAsync(ClusterDeployment deployment, ServiceExec exec, CancellationToken ct) =>
        LocalExec.RunAsync(client, deployment, exec, ct);

    public async Task<IReadOnlyList<ServiceDiagnosis>> DiagnoseAsync(ClusterDeployment deployment, string service, CancellationToken ct)
    {
        var replicas = ServiceOrder.Find(deployment, service).Replicas;
        var diagnoses = new List<ServiceDiagnosis>();
        for (var replica = 1; replica <= replicas; replica++)
            diagnoses.Add(await LocalDiagnosis.DiagnoseAsync(client, LocalNames.Container(deployment.Name, service, replica), ct));
        return diagnoses;
    }

    public Task<DeploymentStatus> StatusAsync(PlatformDefinition platform, string deployment, CancellationToken ct) =>
        LocalStatus.ReadAsync(client, platform, deployment, publicPort, ct);

    public async Task RemoveAsync(string platform, string deployment, bool purge, CancellationToken ct)
    {
        var containers = await ListAsync(platform, deployment, null, ct);
        await Task.WhenAll(containers.Select(c => StopAndRemoveAsync(c.ID, ct)));
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LocalNames.Filter(platform, deployment) }, ct);
        foreach (var network in networks) await client.Networks.DeleteNetworkAsync(network.ID, ct);
        Log.Info($"Removed deployment '{deployment}': {containers.Count} containers, {networks.Count} network(s)");
        if (!purge)
        {
            Log.Info("Volumes and secrets kept (--purge removes them)");
            return;
        }
        var volumes = await LocalStorage.ListVolumesAsync(client, platform, deployment, ct);
        foreach (var volume in volumes) await client.Volumes.RemoveAsync(volume.Name, force: true, ct);
        LocalMarkers.DeleteAll(deployment);
        LocalTlsFiles.Delete(deployment);
        Log.Info($"Purged {volumes.Count} volume(s) and the deployment's state");
    }

    public Task StopAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct) =>
        new LocalOperations(this).StopAsync(deployment, services, ct);

    public Task<IReadOnlyList<string>> StartAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, CancellationToken ct) =>
        new LocalOperations(this).StartAsync(deployment, services, ct);

    public Task<IReadOnlyList<ReplicaLog>> OpenLogsAsync(ClusterDeployment deployment, IReadOnlyCollection<string>? services, LogOptions options, CancellationToken ct) =>
        new LocalOperations(this).OpenLogsAsync(deployment, services, options, ct);

    public Task<string?> ReadMarkerAsync(ClusterDeployment deployment, string key, CancellationToken ct) =>
        LocalMarkers.ReadAsync(client, deployment.Platform.Name, deployment.Name, key, ct);

    public Task WriteMarkerAsync(ClusterDeployment deployment, string key, string value, CancellationToken ct) =>
        LocalMarkers.WriteAsync(client, deployment.Platform.Name, deployment.Name, key, value, ct);

    public Task<KilledReplica> KillReplicaAsync(ClusterDeployment deployment, string service, int replica, CancellationToken ct) =>
        new LocalReplicas(client).KillAsync(deployment, service, replica, ct);

    public Task<IReadOnlyList<string>> NodesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([Environment.MachineName]);

    public Task<IReadOnlyList<ReplicaState>> ReplicasAsync(ClusterDeployment deployment, string service, CancellationToken ct) =>
        new LocalReplicas(client).ListAsync(deployment, service, ct);

    public void Dispose() => client.Dispose();

    sealed class MutableResult
    {
        public List<string> Created { get; } = [];
        public List<string> Replaced { get; } = [];
        public List<string> Started { get; } = [];
        public List<string> Unchanged { get; } = [];
        public List<string> Removed { get; } = [];
        public ApplyResult ToResult() => new(Created, Replaced, Started, Unchanged, Removed);
    }
}
