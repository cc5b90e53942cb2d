using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Mooc.Platform.Tls;

namespace Mooc.Smoke;

/// <summary>
/// Where the smoke checks go: <see cref="Url"/> as a visitor writes it (https://courses.example.edu:18000/), reached at
/// <see cref="ConnectTo"/> when the host name does not resolve to it here (the local engine publishes on 127.0.0.1).
/// Over HTTPS the server must show the certificate whose SHA-256 is <see cref="CertificateSha256"/>, valid for the URL's
/// host name: a self-signed certificate is trusted by its fingerprint, never by turning checks off.
/// </summary>
public sealed record SmokeEndpoint(Uri Url, DnsEndPoint? ConnectTo = null, string? CertificateSha256 = null)
{
    public override string ToString() => Url + (ConnectTo is { } to ? $" (at {to.Host}:{to.Port})" : "") + (CertificateSha256 is { } fp ? $", certificate SHA-256 {fp}" : "");

    /// <summary>A handler that connects to <see cref="ConnectTo"/> and checks the certificate as above; cookies and redirects left to its user.</summary>
    public SocketsHttpHandler CreateHandler(bool useCookies)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = useCookies,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (ConnectTo is { } target)
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        if (CertificateSha256 is { } expected)
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(certificate, errors, expected) };
        return handler;
    }

    /// <summary>
    /// The pinned certificate, for the URL's host name: a chain error is expected of a self-signed one and is the pin's
    /// to judge; a name mismatch never is. A rejection throws, so the check's detail says why.
    /// </summary>
    static bool Accepts(X509Certificate? certificate, SslPolicyErrors errors, string expected)
    {
        if (certificate is null) throw new CertificateRejectedException("the server showed no certificate");
        var fingerprint = TlsCertificate.Fingerprint(certificate);
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            throw new CertificateRejectedException($"the certificate ({certificate.Subject}) is not valid for this host name");
        if (!string.Equals(fingerprint, expected, StringComparison.OrdinalIgnoreCase))
            throw new CertificateRejectedException($"the certificate's SHA-256 is {fingerprint}, not the deployment's {expected}");
        return true;
    }
}

/// <summary>The server's certificate is not the one expected; the message says how it differs.</summary>
public sealed class CertificateRejectedException(string message) : Exception("certificate rejected: " + message);
