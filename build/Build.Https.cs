using System.Net;
using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Tls;
using Mooc.Smoke;

/// <summary>HTTPS and host names (--tls, --tls-cert, --tls-key, --hosts): what the platform is told, the certificate, and where the smoke test goes.</summary>
partial class Build
{
    bool TlsWanted => Tls || TlsCert is not null;

    /// <summary>Values the reference platform declares as parameters (public-hosts, public-scheme); --set overrides them.</summary>
    IReadOnlyDictionary<string, string> OfferedPlatformParameters() => new Dictionary<string, string>
    {
        ["public-hosts"] = Hosts.Length > 0 ? string.Join(',', Hosts) : "*",
        ["public-scheme"] = TlsWanted ? "https" : "http",
    };

    /// <summary>A Validates check: the certificate and key files, given together, usable (exit 2 and nothing built when not); HTTPS on the local engine only.</summary>
    void TlsInputs()
    {
        if (!TlsWanted) return;
        if (OnKubernetes)
            throw new BuildException("--tls serves HTTPS from nginx on the local engine; on a cluster, terminate TLS at your ingress (--ingress-class, --hosts, and its TLS secret) and give --public-url.");
        if ((TlsCert is null) != (TlsKey is null))
            throw new BuildException(TlsCert is null ? "--tls-key needs --tls-cert (the certificate it belongs to)." : "--tls-cert needs --tls-key (the certificate's private key file).");
        if (TlsCert is null) return;
        try
        {
            TlsCertificate.FromFiles(TlsCert, TlsKey!, Hosts, DateTime.UtcNow);
        }
        catch (TlsFileException e)
        {
            throw new BuildException(e.Message);
        }
    }

    async Task<ClusterDeployment> WithTlsAsync(IClusterEngine engine, ClusterDeployment prepared, CancellationToken ct) => TlsWanted
        ? prepared with { Tls = await DeploymentTls.PrepareAsync(engine.SecretStore(prepared.Platform.Name, prepared.Name), prepared.Name, new TlsRequest(Hosts, TlsCert, TlsKey), ct) }
        : prepared;

    /// <summary>
    /// The smoke test's endpoint: on the local engine with --hosts or --tls, the first host name (else localhost) over
    /// the deployment's scheme, reached at the published port, and the certificate pinned by its fingerprint.
    /// </summary>
    async Task<SmokeEndpoint> SmokeEndpointAsync(CancellationToken ct)
    {
        var published = await PublicUrlAsync(ct);
        if (OnKubernetes || (!TlsWanted && Hosts.Length == 0)) return new SmokeEndpoint(published);
        var url = new UriBuilder(published) { Scheme = TlsWanted ? "https" : "http", Host = Hosts.FirstOrDefault() ?? "localhost" }.Uri;
        return new SmokeEndpoint(url, new DnsEndPoint(published.Host, published.Port), (await DeploymentAsync(ct)).Tls?.Sha256);
    }
}
