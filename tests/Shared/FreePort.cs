using System.Net;
using System.Net.Sockets;

namespace Mooc.Tests.Shared;

/// <summary>Free loopback ports for deployments the tests publish.</summary>
public static class FreePort
{
    /// <summary>A loopback port nothing listens on now (the OS picks it; it is released at once for the deployment to publish).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
