using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Images.Recipes;

namespace Mooc.Images.Building;

/// <summary>
/// The sibling containers a recipe provisions against (a database its migrations run on), on a private
/// network where each answers to its service name; all removed afterwards, whatever happened.
/// </summary>
sealed class ProvisioningServices(DockerClient docker, string? network)
{
    readonly List<BuildContainer> _containers = [];

    static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    public string? Network => network;

    public static async Task<ProvisioningServices> StartAsync(
        DockerClient docker, ImageRecipe recipe, string buildName, IReadOnlyDictionary<string, BuiltImage> built, IReadOnlyDictionary<string, string> runLabels, CancellationToken ct)
    {
        if (recipe.Services.Count == 0) return new ProvisioningServices(docker, null);

        var network = (await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = buildName,
            Driver = "bridge",
            Labels = BuildLabels(runLabels, buildName),
        }, ct)).ID;
        var services = new ProvisioningServices(docker, network);
        try
        {
            foreach (var service in recipe.Services)
            {
                var image = built[service.Recipe].LocalTag;
                Log.Info($"{recipe.Name}: starting service '{service.Name}' from {image}");
                var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
                {
                    Name = $"{buildName}-{service.Name}",
                    Image = image,
                    Env = service.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
                    Labels = BuildLabels(runLabels, buildName),
                    HostConfig = new HostConfig { NetworkMode = network },
                    NetworkingConfig = new NetworkingConfig
                    {
                        EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new() { Aliases = [service.Name] } },
                    },
                }, ct);
                var container = new BuildContainer(docker, created.ID, $"{buildName}-{service.Name}", $"{recipe.Name}/{service.Name}");
                services._containers.Add(container);
                await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
                if (service.Ready is { } ready) await WaitReadyAsync(container, recipe.Name, service, ready, ct);
            }
        }
        catch
        {
            await services.RemoveAsync();
            throw;
        }
        return services;
    }

    static async Task WaitReadyAsync(BuildContainer container, string recipe, RecipeService service, string ready, CancellationToken ct)
    {
        var wait = new Wait($"{recipe}: service '{service.Name}' to be ready ('{ready}' to pass)", ReadyTimeout) { Interval = TimeSpan.FromSeconds(1) };
        await wait.UntilAsync<bool>(async token =>
        {
            try
            {
                var check = await container.ExecAsync(["sh", "-ec", ready], null, null, [], quiet: true, token);
                return check.ExitCode == 0 ? Seen.Done(true) : Seen.NotYet($"exit {check.ExitCode}, its last output:\n{check.Tail}");
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"{recipe}: service '{service.Name}' stopped before it was ready: {DockerErrors.Reason(e)}");
            }
        }, ct);
    }

    static Dictionary<string, string> BuildLabels(IReadOnlyDictionary<string, string> runLabels, string buildName) =>
        new(runLabels) { [LabelNames.Build] = buildName };

    public async Task RemoveAsync()
    {
        foreach (var container in _containers) await container.RemoveAsync();
        _containers.Clear();
        if (network is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await docker.Networks.DeleteNetworkAsync(network, timeout.Token);
        }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            Log.Warn($"Could not remove the provisioning network {network}: {e.Message}. Remove it with 'docker network rm {network}'.");
        }
    }
}
