using Docker.DotNet;
using Mooc.Build;
using Mooc.Platform.Cluster.Preflight;

namespace Mooc.Local.Preflight;

/// <summary>
/// Whether the local Docker engine can take the platform: the engine answers, its disk has room
/// beside the images, and the public port on 127.0.0.1 is free or already this deployment's.
/// </summary>
/// <param name="endpoint">The engine's socket or URL (DockerEngine.Endpoint).</param>
/// <param name="headroom">Free space the containers' writes, volumes and logs need beside the images.</param>
public sealed class LocalPreflight(Uri endpoint, int publicPort, long headroom = LocalPreflight.DefaultHeadroom) : IPreflight
{
    public const long DefaultHeadroom = 2L << 30;
    static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    public string Description => $"local Docker engine ({endpoint})";

    public async Task<IReadOnlyList<PreflightCheck>> CheckAsync(PreflightRequest request, CancellationToken ct)
    {
        using var client = new DockerClientConfiguration(endpoint, defaultTimeout: TimeSpan.FromSeconds(30)).CreateClient();
        var engine = await EngineAnswersAsync(client, ct);
        if (engine.Result == CheckResult.Failed) return [engine];
        var checks = await Task.WhenAll(DiskSpaceAsync(client, request, ct), PublicPortAsync(client, request, ct));
        return [engine, .. checks];
    }

    async Task<PreflightCheck> EngineAnswersAsync(DockerClient client, CancellationToken ct)
    {
        const string name = "Docker engine answers";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(PingTimeout);
            var version = await client.System.GetVersionAsync(timeout.Token);
            return PreflightCheck.Passed(name, $"Docker {version.Version} at {endpoint}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var why = e is OperationCanceledException ? $"no answer within {PingTimeout.TotalSeconds:0} s" : e.GetBaseException().Message;
            return PreflightCheck.Failed(name, $"nothing answers at {endpoint}: {why}",
                "Start the engine (systemctl start docker, or dockerd &), or point DOCKER_HOST at one that runs.");
        }
    }

    async Task<PreflightCheck> DiskSpaceAsync(DockerClient client, PreflightRequest request, CancellationToken ct)
    {
        const string name = "disk space";
        var info = await client.System.GetSystemInfoAsync(ct);
        var imagesSize = 0L;
        foreach (var image in request.ReferencedImages())
        {
            try { imagesSize += (await client.Images.InspectImageAsync(image, ct)).Size; }
            catch (DockerImageNotFoundException) { }
        }
        if (!Directory.Exists(info.DockerRootDir))
            return PreflightCheck.Warned(name, $"the engine keeps its data in {info.DockerRootDir}, which is not on this machine", $"Make sure {ByteSize.Format(headroom)} are free there.");
        var free = new DriveInfo(info.DockerRootDir).AvailableFreeSpace;
        var detail = $"{ByteSize.Format(free)} free in {info.DockerRootDir}; the platform's images take {ByteSize.Format(imagesSize)}, its containers, volumes and logs need {ByteSize.Format(headroom)}";
        return free >= headroom
            ? PreflightCheck.Passed(name, detail)
            : PreflightCheck.Failed(name, detail, $"Free space in {info.DockerRootDir} (docker image prune removes unused images), or give the engine a larger disk.");
    }

    async Task<PreflightCheck> PublicPortAsync(DockerClient client, PreflightRequest request, CancellationToken ct)
    {
        var name = $"public port {publicPort}";
        if (request.Platform.PublicService is null) return PreflightCheck.Passed(name, "the platform publishes no port");
        return await PublicPortCheck.HolderAsync(client, request.Deployment, publicPort, ct) switch
        {
            null => PreflightCheck.Passed(name, $"127.0.0.1:{publicPort} is free"),
            { Ours: true } own => PreflightCheck.Passed(name, $"published by {own.Description}"),
            var other => PreflightCheck.Failed(name, $"127.0.0.1:{publicPort} is held by {other.Description}",
                "Stop what holds it, or deploy on another port: --public-port N."),
        };
    }
}
