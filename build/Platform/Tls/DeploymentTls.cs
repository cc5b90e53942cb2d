using Mooc.Build;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Tls;

/// <summary>What the user asked for: HTTPS for these host names, with their certificate and key files or a generated certificate.</summary>
public sealed record TlsRequest(IReadOnlyList<string> Hosts, string? CertificateFile, string? KeyFile);

/// <summary>
/// The deployment's certificate, kept in its secret store (keys tls-cert and tls-key) beside its other secrets: a given one is
/// checked and stored; otherwise the stored one is reused while it covers the host names and has a month left, else a
/// self-signed one is generated. Its fingerprint is printed; the key never is.
/// </summary>
public static class DeploymentTls
{
    public const string CertificateKey = "tls-cert";
    public const string PrivateKeyKey = "tls-key";
    static readonly TimeSpan GeneratedValidity = TimeSpan.FromDays(365);
    static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static async Task<TlsCertificate> PrepareAsync(ISecretStore store, string deployment, TlsRequest request, CancellationToken ct)
    {
        var kept = (await store.ReadAsync(ct)).ToDictionary();
        var stored = kept.TryGetValue(CertificateKey, out var cert) && kept.TryGetValue(PrivateKeyKey, out var key) ? new TlsCertificate(cert, key) : null;
        TlsCertificate chosen;
        if (request.CertificateFile is { } certificateFile)
        {
            chosen = TlsCertificate.FromFiles(certificateFile, request.KeyFile!, request.Hosts, DateTime.UtcNow);
            Log.Info($"HTTPS for deployment '{deployment}' with the certificate from {certificateFile}, SHA-256 {chosen.Sha256}");
        }
        else if (stored is not null && request.Hosts.All(stored.Covers) && stored.NotAfter - DateTime.UtcNow > RenewBefore)
        {
            Log.Info($"HTTPS for deployment '{deployment}' with its kept certificate (until {stored.NotAfter:yyyy-MM-dd}), SHA-256 {stored.Sha256}");
            return stored;
        }
        else
        {
            chosen = TlsCertificate.Generate(request.Hosts, GeneratedValidity);
            var why = stored is null ? "" : stored.NotAfter - DateTime.UtcNow <= RenewBefore ? " (the kept one expires within 30 days)" : " (the kept one does not cover every host name)";
            Log.Info($"Generated a self-signed certificate for {string.Join(", ", request.Hosts.DefaultIfEmpty("localhost"))} and 127.0.0.1{why}, valid until {chosen.NotAfter:yyyy-MM-dd}, SHA-256 {chosen.Sha256}");
            Log.Info("Browsers warn about a self-signed certificate: compare the fingerprint above with the one the browser shows, or give your own with --tls-cert and --tls-key");
        }
        SecretMaskingWriter.Register(chosen.KeyPem);
        if (chosen != stored)
        {
            kept[CertificateKey] = chosen.CertificatePem;
            kept[PrivateKeyKey] = chosen.KeyPem;
            await store.WriteAsync(kept, ct);
        }
        return chosen;
    }
}
