using Mooc.Images.Registry;

namespace Images.Tests.Registry;

/// <summary>Which of the Docker engine's push and pull errors are worth another try.</summary>
public sealed class RegistryFailureTests
{
    [Theory]
    [InlineData("received unexpected HTTP status: 503 Service Unavailable")]
    [InlineData("received unexpected HTTP status: 502 Bad Gateway")]
    [InlineData("Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused")]
    [InlineData("Get \"https://registry.example/v2/\": net/http: TLS handshake timeout")]
    [InlineData("Get \"https://registry.example/v2/\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)")]
    [InlineData("Put \"http://127.0.0.1:5000/v2/x/manifests/1\": read tcp 127.0.0.1:40000->127.0.0.1:5000: read: connection reset by peer")]
    [InlineData("Get \"http://127.0.0.1:5000/v2/\": EOF")]
    public void Transient(string reason) => Assert.True(RegistryFailure.IsTransient(reason), reason);

    [Theory]
    [InlineData("unauthorized: authentication required")]
    [InlineData("denied: requested access to the resource is denied")]
    [InlineData("manifest for 127.0.0.1:5000/x:1 not found: manifest unknown: manifest unknown")]
    [InlineData("no basic auth credentials")]
    [InlineData("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host")]
    [InlineData("Get \"https://127.0.0.1:5000/v2/\": http: server gave HTTP response to HTTPS client")]
    [InlineData("toomanyrequests: You have reached your pull rate limit")]
    [InlineData("An image does not exist locally with the tag: 127.0.0.1:5000/x")]
    public void Permanent(string reason) => Assert.False(RegistryFailure.IsTransient(reason), reason);
}
