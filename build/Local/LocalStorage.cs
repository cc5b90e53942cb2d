using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>The deployment's network and named volumes (its claims): made when missing, each labelled, never touched when present.</summary>
public static class LocalStorage
{
    public static async Task EnsureNetworkAsync(DockerClient client, ClusterDeployment deployment, CancellationToken ct)
    {
        var name = LocalNames.Network(deployment.Name);
        var found = await client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } },
        }, ct);
        var existing = found.FirstOrDefault(n => n.Name == name);
        if (existing is not null)
        {
            if (existing.Labels.Label(LabelNames.Instance) != deployment.Name)
                throw new InvalidOperationException($"A Docker network named '{name}' exists but does not belong to deployment '{deployment.Name}'. Remove it ('docker network rm {name}') or choose another --deployment.");
            return;
        }
        await client.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = name,
            Driver = "bridge",
            CheckDuplicate = true,
            Labels = RunLabels.With(LocalNames.Labels(deployment.Platform.Name, deployment.Name), RunLabels.DeploymentLifetime),
        }, ct);
    }

    public static async Task EnsureVolumesAsync(DockerClient client, ClusterDeployment deployment, CancellationToken ct)
    {
        var claims = deployment.Services.SelectMany(s => s.Volumes).Where(v => v.IsClaim).Select(v => v.Name).Distinct().ToList();
        if (claims.Count == 0) return;
        var existing = (await ListVolumesAsync(client, deployment.Platform.Name, deployment.Name, ct)).Select(v => v.Name).ToHashSet();
        foreach (var claim in claims)
        {
            var name = LocalNames.Volume(deployment.Name, claim);
            if (existing.Contains(name)) continue;
            var labels = RunLabels.With(LocalNames.Labels(deployment.Platform.Name, deployment.Name), RunLabels.DeploymentLifetime);
            labels[LabelNames.Claim] = claim;
            labels[LabelNames.VolumeId] = Guid.NewGuid().ToString("N");
            await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels }, ct);
        }
    }

    public static async Task<IReadOnlyList<VolumeResponse>> ListVolumesAsync(DockerClient client, string platform, string deployment, CancellationToken ct)
    {
        var response = await client.Volumes.ListAsync(new VolumesListParameters { Filters = LocalNames.Filter(platform, deployment) }, ct);
        return response.Volumes?.ToList() ?? [];
    }
}
