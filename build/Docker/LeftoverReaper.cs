using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Docker.DotNet;
using Mooc.Build;

namespace Mooc.Docker;

/// <summary>
/// Removes what killed runs left on the engine, as Testcontainers' resource reaper does: every object
/// labelled as going with its run (<see cref="RunLabels"/>) whose run's process is gone, on this host.
/// A deployment's containers, network and volumes never qualify, nor anything of a run still going
/// or of another host (whose processes cannot be checked from here). Runs once per process, when it
/// first connects to the engine.
/// </summary>
public static class LeftoverReaper
{
    static readonly object Gate = new();
    static Task? _once;

    /// <summary>Pid reuse: a process that started this long after an object was made cannot have made it.</summary>
    static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    public static Task ReapOnceAsync(DockerClient client)
    {
        lock (Gate) return _once ??= ReapQuietlyAsync(client);
    }

    static async Task ReapQuietlyAsync(DockerClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await ReapAsync(client, timeout.Token);
        }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            Log.Warn($"Could not remove leftovers of killed runs: {e.Message}");
        }
    }

    /// <summary>Removes the leftovers of dead runs; returns what it removed ("container name", "network name", "volume name").</summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(DockerClient client, CancellationToken ct)
    {
        var removed = new List<string>();
        var filter = RunLabels.TransientFilter();

        // Containers first: a network with a container attached cannot be removed, nor a volume in use.
        var containers = await client.Containers.ListContainersAsync(new() { All = true, Filters = filter }, ct);
        foreach (var container in containers.Where(c => IsLeftover(c.Labels, c.Created)))
        {
            var name = container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID;
            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new() { Force = true, RemoveVolumes = true }, ct);
                removed.Add($"container {name}");
            }
            catch (DockerContainerNotFoundException)
            {
            }
        }

        var networks = await client.Networks.ListNetworksAsync(new() { Filters = filter }, ct);
        foreach (var network in networks.Where(n => IsLeftover(n.Labels, n.Created)))
        {
            await client.Networks.DeleteNetworkAsync(network.ID, ct);
            removed.Add($"network {network.Name}");
        }

        var volumes = (await client.Volumes.ListAsync(new() { Filters = filter }, ct)).Volumes ?? [];
        foreach (var volume in volumes.Where(v => IsLeftover(v.Labels, CreatedAt(v.CreatedAt))))
        {
            await client.Volumes.RemoveAsync(volume.Name, force: true, ct);
            removed.Add($"volume {volume.Name}");
        }

        if (removed.Count > 0) Log.Info($"Removed {removed.Count} leftover(s) of killed runs: {string.Join(", ", removed)}");
        return removed;
    }

    /// <summary>Goes with a run, made on this host by a process that is gone (or whose pid now belongs to a process started after the object).</summary>
    public static bool IsLeftover(IDictionary<string, string>? labels, DateTime created)
    {
        if (labels is null
            || labels.Label(LabelNames.Lifetime) != RunLabels.RunLifetime
            || labels.Label(LabelNames.Run) is not { Length: > 0 } run
            || run == RunLabels.RunId
            || labels.Label(LabelNames.RunHost) != Environment.MachineName
            || !int.TryParse(labels.Label(LabelNames.RunPid), out var pid))
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime() > created.ToUniversalTime() + StartTolerance;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false;
        }
    }

    static DateTime CreatedAt(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : DateTime.MaxValue;
}
