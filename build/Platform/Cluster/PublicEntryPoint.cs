namespace Mooc.Platform.Cluster;

/// <summary>
/// Where the platform's public service answers for this run: a port on 127.0.0.1 (local engine),
/// the user's ingress or load balancer URL, or a port-forward the pipeline holds open until disposed.
/// </summary>
public sealed class PublicEntryPoint(Uri url, string description, IAsyncDisposable? holder = null) : IAsyncDisposable
{
    public Uri Url { get; } = url;

    /// <summary>How it is reached, e.g. "published on 127.0.0.1" or "port-forward to service/nginx:8080".</summary>
    public string Description { get; } = description;

    public ValueTask DisposeAsync() => holder?.DisposeAsync() ?? ValueTask.CompletedTask;
}
