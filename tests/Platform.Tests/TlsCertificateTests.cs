using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mooc.Platform.Tls;

namespace Platform.Tests;

/// <summary>The certificate and key files a user gives to --tls-cert and --tls-key, and the one the pipeline makes.</summary>
public sealed class TlsCertificateTests : IDisposable
{
    const string Host = "courses.example.edu";
    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tls-files-");

    (string Cert, string Key) Files(TlsCertificate certificate, string? keyPem = null)
    {
        var cert = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".crt");
        var key = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".key");
        File.WriteAllText(cert, certificate.CertificatePem);
        File.WriteAllText(key, keyPem ?? certificate.KeyPem);
        return (cert, key);
    }

    [Fact]
    public void A_generated_certificate_covers_its_host_names_and_loopback_and_reads_back_from_files()
    {
        var generated = TlsCertificate.Generate([Host, "www.example.edu"], TimeSpan.FromDays(365));
        Assert.True(generated.Covers(Host));
        Assert.True(generated.Covers("www.example.edu"));
        Assert.True(generated.Covers("127.0.0.1"));
        Assert.False(generated.Covers("other.example.edu"));
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", generated.Sha256);

        var (cert, key) = Files(generated);
        Assert.Equal(generated.Sha256, TlsCertificate.FromFiles(cert, key, [Host], DateTime.UtcNow).Sha256);
    }

    [Fact]
    public void A_key_of_another_certificate_is_refused_naming_the_key_file()
    {
        var (cert, _) = Files(TlsCertificate.Generate([Host], TimeSpan.FromDays(30)));
        var (_, otherKey) = Files(TlsCertificate.Generate([Host], TimeSpan.FromDays(30)));
        var error = Assert.Throws<TlsFileException>(() => TlsCertificate.FromFiles(cert, otherKey, [Host], DateTime.UtcNow));
        Assert.StartsWith($"{otherKey} (--tls-key) is not the private key of the certificate in {cert}", error.Message);
    }

    [Fact]
    public void An_expired_certificate_a_host_it_does_not_cover_and_a_file_that_is_not_pem_are_refused_naming_the_file()
    {
        var (cert, key) = Files(TlsCertificate.Generate([Host], TimeSpan.FromDays(30)));
        var expired = Assert.Throws<TlsFileException>(() => TlsCertificate.FromFiles(cert, key, [Host], DateTime.UtcNow.AddDays(31)));
        Assert.StartsWith($"{cert} (--tls-cert) expired on", expired.Message);

        var uncovered = Assert.Throws<TlsFileException>(() => TlsCertificate.FromFiles(cert, key, ["other.example.edu"], DateTime.UtcNow));
        Assert.Contains("does not cover other.example.edu of --hosts", uncovered.Message);

        File.WriteAllText(key, "not a key");
        var notPem = Assert.Throws<TlsFileException>(() => TlsCertificate.FromFiles(cert, key, [Host], DateTime.UtcNow));
        Assert.StartsWith($"{key} (--tls-key): no PEM block", notPem.Message);
        var missing = Assert.Throws<TlsFileException>(() => TlsCertificate.FromFiles(cert + ".gone", key, [Host], DateTime.UtcNow));
        Assert.Equal($"{cert}.gone (--tls-cert): no such file.", missing.Message);
    }

    [Fact]
    public void An_rsa_key_in_pkcs1_form_is_accepted()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10));
        var (cert, key) = Files(new TlsCertificate(certificate.ExportCertificatePem(), rsa.ExportRSAPrivateKeyPem()));
        Assert.Equal(TlsCertificate.Fingerprint(certificate), TlsCertificate.FromFiles(cert, key, [Host], DateTime.UtcNow).Sha256);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
