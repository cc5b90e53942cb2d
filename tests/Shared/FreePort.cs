using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mooc.Tests.Shared;

/// <summary>Free loopback ports for deployments the tests publish.</summary>
public static class FreePort
{
    static readonly ConcurrentDictionary<int, bool> Given = new();

    /// <summary>
    /// A loopback port nothing listens on now (the OS picks it; it is released at once for the deployment to publish),
    /// never one given before in this test run: a port is released until the deployment binds it, and the OS may hand
    /// it out again meanwhile, so two tests would otherwise deploy on the same port.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true)) return port;
        }
    }
}
