using System.Net;
using Mooc.Platform.Tls;
using Mooc.Smoke;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>HTTPS on the local engine as Deploy --tls --hosts sets it up, judged by the pipeline's own smoke test.</summary>
public sealed class HttpsTests(HttpsDeployment platform) : IClassFixture<HttpsDeployment>
{
    static readonly TimeSpan SmokeTimeout = TimeSpan.FromMinutes(2);

    SmokeEndpoint Endpoint(string host, string sha256) =>
        new(new Uri($"https://{host}:{platform.Port}/"), new DnsEndPoint("127.0.0.1", platform.Port), sha256);

    [Fact]
    public async Task Https_is_served_with_a_generated_then_a_given_certificate_and_the_smoke_test_rejects_a_wrong_host_or_certificate()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline * 2);
        var generated = platform.Deployment.Tls!;
        var results = await SmokeTests.RunAsync(platform.Platform, Endpoint(HttpsDeployment.Host, generated.Sha256), SmokeTimeout, timeout.Token);
        Assert.All(results, r => Assert.True(r.Passed, r.Detail));

        var wrongHost = await Assert.ThrowsAsync<SmokeTestFailedException>(() =>
            SmokeTests.RunAsync(platform.Platform, Endpoint("other.hs-test.example", generated.Sha256), SmokeTimeout, timeout.Token));
        Assert.All(wrongHost.Results, r => Assert.Contains("not valid for this host name", r.Detail));
        Assert.All(wrongHost.Results, r => Assert.Equal(1, r.Attempts));

        // Plain HTTP on the public port is sent to the same address over HTTPS.
        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        using (var plain = await http.GetAsync($"http://127.0.0.1:{platform.Port}/courses", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, plain.StatusCode);
            Assert.Equal($"https://127.0.0.1:{platform.Port}/courses", plain.Headers.Location?.ToString());
        }

        // The same deployment again with a certificate the user gives: nginx serves it, and the generated one is no longer accepted.
        var folder = Directory.CreateTempSubdirectory("given-tls-");
        try
        {
            var own = TlsCertificate.Generate([HttpsDeployment.Host], TimeSpan.FromDays(90));
            var (certFile, keyFile) = (Path.Combine(folder.FullName, "site.crt"), Path.Combine(folder.FullName, "site.key"));
            await File.WriteAllTextAsync(certFile, own.CertificatePem, timeout.Token);
            await File.WriteAllTextAsync(keyFile, own.KeyPem, timeout.Token);

            var served = await platform.RedeployAsync(new TlsRequest([HttpsDeployment.Host], certFile, keyFile), timeout.Token);
            Assert.Equal(own.Sha256, served.Sha256);
            var withGiven = await SmokeTests.RunAsync(platform.Platform, Endpoint(HttpsDeployment.Host, own.Sha256), SmokeTimeout, timeout.Token);
            Assert.All(withGiven, r => Assert.True(r.Passed, r.Detail));
            var stale = await Assert.ThrowsAsync<SmokeTestFailedException>(() =>
                SmokeTests.RunAsync(platform.Platform, Endpoint(HttpsDeployment.Host, generated.Sha256), SmokeTimeout, timeout.Token));
            Assert.Contains($"SHA-256 is {own.Sha256}", stale.Results[0].Detail);

            // A later deploy with --tls alone keeps the certificate it has.
            var kept = await platform.RedeployAsync(new TlsRequest([HttpsDeployment.Host], null, null), timeout.Token);
            Assert.Equal(own.Sha256, kept.Sha256);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
