using System.Security.Cryptography;
using Mooc.Images;
using Mooc.Local;
using Mooc.Platform.Cluster;
using Mooc.Platform.Loading;
using Mooc.Platform.Model;
using Mooc.Platform.Tls;
using Mooc.Tests.Shared;

namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// The reference platform deployed as Deploy --tls --hosts does it: a deployment of its own on a free port, host name
/// <see cref="Host"/>, HTTPS with a certificate the pipeline generated; <see cref="RedeployAsync"/> deploys it again
/// with another certificate request. Removed with its volumes and secrets after.
/// </summary>
public sealed class HttpsDeployment : IAsyncLifetime
{
    public const string Host = "courses.hs-test.example";
    static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(5);

    LocalCluster? _cluster;
    ClusterDeployment? _prepared;

    public PlatformDefinition Platform { get; } = PlatformLoader.LoadByName("reference", offered: new Dictionary<string, string>
    {
        ["public-hosts"] = Host,
        ["public-scheme"] = "https",
    });

    public ClusterDeployment Deployment { get; private set; } = null!;
    public int Port => _cluster!.PublicPort;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var recipes = Platform.EnabledServices.Select(s => s.Image.Recipe).OfType<string>().Distinct().ToList();
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest { Recipes = recipes }, timeout.Token);
        _cluster = await LocalCluster.ConnectAsync(FreePort.Next(), timeout.Token);
        var name = "rph-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        _prepared = await ClusterDeployment.PrepareAsync(_cluster, name, Platform, images.ToDictionary(i => i.Key, i => i.Value.Reference), timeout.Token);
        try
        {
            await RedeployAsync(new TlsRequest([Host], null, null), timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Prepares the certificate as the Deploy target does (kept, given or generated) and deploys with it.</summary>
    public async Task<TlsCertificate> RedeployAsync(TlsRequest request, CancellationToken ct)
    {
        var tls = await DeploymentTls.PrepareAsync(_cluster!.SecretStore(Platform.Name, _prepared!.Name), _prepared.Name, request, ct);
        Deployment = _prepared with { Tls = tls };
        await PlatformRollout.DeployAsync(_cluster, Deployment, ReadyDeadline, ct);
        return tls;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is null || _prepared is null) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await PlatformRollout.RemoveAsync(_cluster, Platform.Name, _prepared.Name, purge: true, timeout.Token);
        _cluster.Dispose();
        _cluster = null;
    }
}
