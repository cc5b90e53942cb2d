using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Operations;

/// <summary>
/// Operating a deployment after Deploy: stop and start it, read its logs. These act on what runs
/// and never build images.
/// </summary>
partial class Build
{
    [Parameter("Stop, Start, Logs, Shell: the services to act on (default: all; Shell: the service the migration steps run in, else the first)"), DnsLabel]
    readonly string[] Service = [];

    [Parameter("Logs: keep printing new lines until Ctrl-C")]
    readonly bool Follow;

    [Parameter("Logs: only lines written in this last stretch of time, e.g. 10m"), AboveZero]
    readonly TimeSpan? Since;

    [Parameter("Logs: only the last N lines of each replica"), AtLeast(0)]
    readonly int? Tail;

    Target Stop => _ => _
        .Description("Stop the deployment's services (--service: some), keeping containers and data; on Kubernetes, scale them to zero")
        .Validates(PlatformFile, ClusterName)
        .Executes(async ct => await StopStart.StopAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: true, ct), Services(), ct));

    Target Start => _ => _
        .Description("Start what Stop stopped and wait until ready; on Kubernetes, scale back to the replicas before the stop")
        .Validates(PlatformFile, ClusterName)
        .After(Stop)
        .Executes(async ct => await StopStart.StartAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: true, ct), Services(), ReadyTimeout, ct));

    Target Logs => _ => _
        .Description("Print the services' logs (--service, --since, --tail, --follow), every replica's lines interleaved by time, prefixed with the replica")
        .Validates(PlatformFile, ClusterName)
        .Executes(async ct =>
        {
            var options = new LogOptions(Follow, Since is { } since ? DateTimeOffset.UtcNow - since : null, Tail);
            var lines = await ServiceLogs.PrintAsync(await ClusterAsync(ct), await OperatedDeploymentAsync(locked: false, ct), Services(), options, Console.Out.WriteLine, ct);
            ReportSummary("lines", lines.ToString());
        });

    IReadOnlyCollection<string>? Services() => Service.Length == 0 ? null : Service;

    /// <summary>
    /// The deployment as it runs, for an operation: its secrets as kept, no images built or looked up
    /// (the running ones are used). Reading (Logs, Shell) takes no lock, so it never waits for a Deploy.
    /// </summary>
    async Task<ClusterDeployment> OperatedDeploymentAsync(bool locked, CancellationToken ct)
    {
        var engine = await ClusterAsync(ct);
        if (locked) await LockAsync(engine, ct);
        return deployment ??= await ClusterDeployment.PrepareAsync(engine, DeploymentName, LoadedPlatform, new Dictionary<string, string>(), ct);
    }
}
