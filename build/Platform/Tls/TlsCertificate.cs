using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mooc.Platform.Tls;

/// <summary>
/// The certificate and private key the platform's public service serves HTTPS with, as PEM text. The key is a
/// secret (kept with the deployment's secrets, never printed); the certificate is known by its SHA-256 fingerprint,
/// which the smoke test pins.
/// </summary>
public sealed record TlsCertificate(string CertificatePem, string KeyPem)
{
    /// <summary>SHA-256 of the DER certificate as openssl prints it: upper-case hex pairs joined by ':'.</summary>
    public string Sha256 => Fingerprint(X509Certificate2.CreateFromPem(CertificatePem));

    public static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', SHA256.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2")));

    public bool Covers(string host)
    {
        using var certificate = X509Certificate2.CreateFromPem(CertificatePem);
        return certificate.MatchesHostname(host);
    }

    public DateTime NotAfter
    {
        get
        {
            using var certificate = X509Certificate2.CreateFromPem(CertificatePem);
            return certificate.NotAfter.ToUniversalTime();
        }
    }

    /// <summary>
    /// A self-signed certificate for <paramref name="hosts"/> (else localhost) and 127.0.0.1, valid for
    /// <paramref name="validity"/>: an ECDSA P-256 key, for serving only (not a CA).
    /// </summary>
    public static TlsCertificate Generate(IReadOnlyList<string> hosts, TimeSpan validity)
    {
        var names = hosts.Count > 0 ? hosts : ["localhost"];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={names[0]}"), key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names) alternativeNames.AddDnsName(name);
        alternativeNames.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(alternativeNames.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity));
        return new TlsCertificate(certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>
    /// A certificate and key the user gives (--tls-cert, --tls-key): PEM files whose key belongs to the certificate,
    /// valid now, covering every one of <paramref name="hosts"/>. Each error names the file and what to do.
    /// </summary>
    public static TlsCertificate FromFiles(string certificateFile, string keyFile, IReadOnlyList<string> hosts, DateTime now)
    {
        var certificatePem = ReadPem(certificateFile, "CERTIFICATE", "--tls-cert", "the certificate (-----BEGIN CERTIFICATE-----), the server's first, then any intermediates");
        var keyPem = ReadPem(keyFile, "PRIVATE KEY", "--tls-key", "the private key (-----BEGIN PRIVATE KEY-----, or RSA/EC PRIVATE KEY), unencrypted");
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new TlsFileException($"{certificateFile} (--tls-cert): not a readable PEM certificate ({e.Message}).");
        }
        using (certificate)
        {
            try
            {
                using var paired = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            }
            // A key of another certificate is an ArgumentException, an unreadable one a CryptographicException.
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new TlsFileException($"{keyFile} (--tls-key) is not the private key of the certificate in {certificateFile} ({e.Message}). Give the key the certificate was issued for.");
            }
            if (certificate.NotAfter.ToUniversalTime() <= now)
                throw new TlsFileException($"{certificateFile} (--tls-cert) expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; renew it, or leave out --tls-cert and --tls-key to have one generated.");
            if (certificate.NotBefore.ToUniversalTime() > now)
                throw new TlsFileException($"{certificateFile} (--tls-cert) is valid only from {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; check this machine's clock, or give a certificate valid now.");
            var uncovered = hosts.Where(h => !certificate.MatchesHostname(h)).ToList();
            if (uncovered.Count > 0)
                throw new TlsFileException($"{certificateFile} (--tls-cert) does not cover {string.Join(", ", uncovered)} of --hosts (it is for {certificate.GetNameInfo(X509NameType.DnsName, false)}); give a certificate for those names, or change --hosts.");
        }
        return new TlsCertificate(certificatePem, keyPem);
    }

    static string ReadPem(string path, string label, string option, string what)
    {
        if (!File.Exists(path)) throw new TlsFileException($"{path} ({option}): no such file.");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TlsFileException($"{path} ({option}): cannot be read ({e.Message}).");
        }
        if (!text.Contains($"{label}-----", StringComparison.Ordinal))
            throw new TlsFileException($"{path} ({option}): no PEM block ending in '{label}-----'; the file must hold {what}.");
        return text;
    }
}

/// <summary>A certificate or key file the user gave cannot be used; the message names the file and the fix.</summary>
public sealed class TlsFileException(string message) : Exception(message);
