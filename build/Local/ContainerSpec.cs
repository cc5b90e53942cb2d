using System.Security.Cryptography;
using System.Text;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Local;

/// <summary>
/// The container a service replica or a step runs as, and its spec hash: a digest of everything
/// that shapes the container (image id included), kept as a label so a redeploy replaces exactly
/// the containers that changed, and recognises one left half-made (no label) as needing replacement.
/// </summary>
public static class ContainerSpec
{
    const string RestartPolicy = "unless-stopped";

    public static CreateContainerParameters ForReplica(ClusterDeployment deployment, ServiceDefinition service, int replica, string imageId, int publicPort)
    {
        var parameters = Base(deployment, service, LocalNames.Container(deployment.Name, service.Name, replica), LocalNames.ServiceRole, service.Volumes);
        parameters.Labels[LabelNames.Replica] = replica.ToString();
        // null keeps the image's: its entrypoint runs unless the service replaces it, and receives Args when given.
        parameters.Entrypoint = service.Entrypoint.Count > 0 ? service.Entrypoint.ToList() : null;
        parameters.Cmd = service.Args.Count > 0 ? service.Args.ToList() : null;
        parameters.Healthcheck = HealthCheck.From(service.Probes);
        parameters.ExposedPorts = service.Ports.OrderBy(p => p.ContainerPort)
            .ToDictionary(p => $"{p.ContainerPort}/{p.Protocol.ToString().ToLowerInvariant()}", _ => new EmptyStruct());
        parameters.HostConfig.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped };
        parameters.NetworkingConfig = new NetworkingConfig
        {
            EndpointsConfig = new Dictionary<string, EndpointSettings>
            {
                [LocalNames.Network(deployment.Name)] = new() { Aliases = [service.Name, .. service.Aliases] },
            },
        };

        // One host port can be bound once: with replicas, the first takes the public traffic.
        if (service.Public is { } endpoint && replica == 1)
            parameters.HostConfig.PortBindings = new Dictionary<string, IList<PortBinding>>
            {
                [$"{endpoint.Port}/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = publicPort.ToString() }],
            };

        if (deployment.Tls is not null && service.Public is not null)
            foreach (var (file, source) in new[] { ("tls.crt", LocalTlsFiles.CertificatePath(deployment.Name)), ("tls.key", LocalTlsFiles.KeyPath(deployment.Name)) })
                parameters.HostConfig.Mounts.Add(new Mount { Type = "bind", Source = source, Target = $"{ClusterDeployment.TlsDirectory}/{file}", ReadOnly = true });

        parameters.Labels[LabelNames.SpecHash] = Hash(parameters, imageId);
        // After the hash: which run made a replica does not shape it.
        RunLabels.With(parameters.Labels, RunLabels.DeploymentLifetime);
        return parameters;
    }

    /// <summary>A one-off step: the service's image, environment, secrets and volumes, the step's command, no restart.</summary>
    public static CreateContainerParameters ForStep(ClusterDeployment deployment, MigrationStep step)
    {
        var service = ServiceOrder.Find(deployment, step.Service);
        // As a Job: the service's claims, not its pod-local volumes (a step's own copy would be thrown away with it).
        var parameters = Base(deployment, service, LocalNames.Step(deployment.Name, step.Name), LocalNames.StepRole, service.Volumes.Where(v => v.IsClaim).ToList(), step.Env);
        parameters.Labels[LabelNames.Step] = step.Name;
        // The deployment's, not the run's: a killed run's step goes on migrating, and the next run
        // waits for it; a reaper that removed it would leave the migration half done.
        RunLabels.With(parameters.Labels, RunLabels.DeploymentLifetime);
        parameters.Entrypoint = step.Command.ToList();
        parameters.Cmd = [];
        parameters.NetworkingConfig = new NetworkingConfig
        {
            EndpointsConfig = new Dictionary<string, EndpointSettings> { [LocalNames.Network(deployment.Name)] = new() },
        };
        return parameters;
    }

    static CreateContainerParameters Base(ClusterDeployment deployment, ServiceDefinition service, string name, string role,
        IReadOnlyList<VolumeDefinition> volumes, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var labels = LocalNames.Labels(deployment.Platform.Name, deployment.Name);
        labels[LabelNames.Name] = service.Name;
        labels[LabelNames.Role] = role;
        return new CreateContainerParameters
        {
            Name = name,
            Hostname = name,
            Image = deployment.ImageOf(service),
            User = User(service.Security),
            Env = deployment.EnvironmentOf(service, extraEnvironment).Select(e => $"{e.Key}={e.Value}").ToList(),
            Labels = labels,
            HostConfig = new HostConfig
            {
                Mounts = volumes.Select(v => Mount(deployment, service, v)).ToList(),
                Memory = Quantities.Bytes(service.Resources.Limits.Memory, service.Name),
                NanoCPUs = Quantities.NanoCpus(service.Resources.Limits.Cpu, service.Name),
                ReadonlyRootfs = service.Security.ReadOnlyRootFilesystem,
                SecurityOpt = ["no-new-privileges"],
                NetworkMode = LocalNames.Network(deployment.Name),
            },
        };
    }

    /// <summary>
    /// A claim is the deployment's named volume. A pod-local volume lives with the container: an anonymous volume
    /// (Docker fills it from the image unless told not to, which is what fromImage asks for) or, in memory, a tmpfs.
    /// </summary>
    static Mount Mount(ClusterDeployment deployment, ServiceDefinition service, VolumeDefinition volume) => volume.Type switch
    {
        VolumeType.Claim => new Mount { Type = "volume", Source = LocalNames.Volume(deployment.Name, volume.Name), Target = volume.MountPath },
        VolumeType.Memory => new Mount { Type = "tmpfs", Target = volume.MountPath, TmpfsOptions = new TmpfsOptions { SizeBytes = Quantities.Bytes(volume.Size, service.Name) } },
        _ => new Mount { Type = "volume", Target = volume.MountPath, VolumeOptions = new VolumeOptions { NoCopy = !volume.FromImage } },
    };

    static string? User(SecuritySpec security) => security.RunAsUser is { } user
        ? security.RunAsGroup is { } group ? $"{user}:{group}" : user.ToString()
        : null;

    /// <summary>
    /// A digest of every field this class sets, written out by hand rather than serialised by
    /// reflection: the order is fixed, and a warm no-op deploy does not pay for a serialiser's start.
    /// </summary>
    static string Hash(CreateContainerParameters parameters, string imageId)
    {
        var text = new StringBuilder();
        void Field(string name, IEnumerable<string?>? values) => text.Append(name).Append('=').AppendJoin('\u0001', values ?? []).Append('\n');
        var host = parameters.HostConfig;
        var health = parameters.Healthcheck;
        Field("image", [parameters.Image, imageId]);
        Field("name", [parameters.Name, parameters.Hostname, parameters.User]);
        Field("entrypoint", parameters.Entrypoint);
        Field("cmd", parameters.Cmd);
        Field("env", parameters.Env);
        Field("labels", parameters.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}:{l.Value}"));
        Field("ports", parameters.ExposedPorts?.Keys.Order(StringComparer.Ordinal));
        Field("health", health is null ? [] : [.. health.Test, health.Interval.ToString(), health.Timeout.ToString(), health.Retries.ToString(), health.StartPeriod.ToString()]);
        // A claim's entry is as it was before pod-local volumes existed, so their arrival replaced no container.
        Field("mounts", host.Mounts.Select(m => m.Source is null ? $"{m.Type}::{m.Target}:{m.TmpfsOptions?.SizeBytes}:{m.VolumeOptions?.NoCopy}" : $"{m.Type}:{m.Source}:{m.Target}"));
        Field("limits", [host.Memory.ToString(), host.NanoCPUs.ToString(), host.ReadonlyRootfs.ToString()]);
        Field("security", host.SecurityOpt);
        Field("restart", [host.RestartPolicy?.Name.ToString()]);
        Field("publish", host.PortBindings?.SelectMany(p => p.Value.Select(b => $"{p.Key}:{b.HostIP}:{b.HostPort}")));
        Field("network", [host.NetworkMode, .. parameters.NetworkingConfig?.EndpointsConfig.SelectMany(e => e.Value.Aliases ?? []) ?? []]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
