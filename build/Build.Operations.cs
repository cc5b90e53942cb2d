using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Operations;

/// <summary>
/// The inputs of the operations on a running deployment (Stop, Start, Logs, Shell; the targets are in
/// Build.cs): these act on what runs and never build images.
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
