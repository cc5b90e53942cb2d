using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Platform.Cluster.Status;
using Mooc.Platform.Model;

namespace Mooc.Local.Status;

/// <summary>A deployment on the local engine as it runs now: its service containers, read by their labels, and the port it is published on.</summary>
public static class LocalStatus
{
    public static async Task<DeploymentStatus> ReadAsync(DockerClient client, PlatformDefinition platform, string deployment, int publicPort, CancellationToken ct)
    {
        var containers = await client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = LocalNames.Filter(platform.Name, deployment, LocalNames.ServiceRole) }, ct);
        if (containers.Count == 0) return new DeploymentStatus([], []);
        var services = new List<ServiceState>();
        foreach (var service in platform.EnabledServices)
        {
            var inspected = await Task.WhenAll(containers
                .Where(c => c.Labels.Label(LabelNames.Name) == service.Name)
                .Select(c => client.Containers.InspectContainerAsync(c.ID, ct)));
            services.Add(await StatusOfAsync(client, service, inspected, ct));
        }
        var url = platform.PublicService is null ? [] : new[] { $"http://127.0.0.1:{publicPort}/ (published on 127.0.0.1 by the local engine)" };
        return new DeploymentStatus(services, url);
    }

    static async Task<ServiceState> StatusOfAsync(DockerClient client, ServiceDefinition service, ContainerInspectResponse[] replicas, CancellationToken ct)
    {
        var ready = replicas.Count(r => LocalReadiness.IsReady(r.State));
        var images = replicas.Select(r => ServiceState.TagOf(r.Config.Image)).Distinct().ToList();
        var running = replicas.Where(r => r.State.Running).ToList();
        TimeSpan? age = running.Count == 0 ? null : DateTime.UtcNow - running.Min(r => DateTime.Parse(r.State.StartedAt, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        string? note = null;
        if (ready < service.Replicas)
        {
            var broken = replicas.FirstOrDefault(r => !LocalReadiness.IsReady(r.State));
            note = broken is null
                ? $"{service.Replicas - replicas.Length} replica(s) missing"
                : Summary(await LocalDiagnosis.DiagnoseAsync(client, broken.Name.TrimStart('/'), ct));
        }
        return new ServiceState(service.Name, service.Replicas, ready, images.Count == 0 ? "-" : string.Join(", ", images), age, replicas.Sum(r => r.RestartCount), note);
    }

    /// <summary>The diagnosis in one line: state, then the failing probe's or the log's last line.</summary>
    static string Summary(Mooc.Platform.Cluster.ServiceDiagnosis d)
    {
        var detail = d.FailingProbeOutput.LastOrDefault() ?? d.LastLogLines.LastOrDefault();
        return $"{d.Instance}: {d.State}" + (d.ExitCode is { } code and not 0 ? $", exit {code}" : "") + (d.OomKilled ? ", OOM-killed" : "")
            + (detail is null ? "" : ": " + detail);
    }
}
