using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Mooc.Kubernetes;

/// <summary>
/// One local connection carried to a pod's port over the kubelet's port-forward WebSocket (through
/// the API server, subprotocol v4.channel.k8s.io). Every message starts with its channel: 0 carries
/// the port's bytes, 1 the kubelet's error text; the first two bytes the server sends on each
/// channel are the port number. KubernetesClient's StreamDemuxer does this framing too, but its
/// streams block a thread on every read, and a load test holds dozens of connections at once: this
/// reads and writes asynchronously. The v4 protocol cannot half-close, so the first side to end
/// ends the tunnel.
/// </summary>
internal static class PortForwardTunnel
{
    public const string Protocol = "v4.channel.k8s.io";
    const byte DataChannel = 0;
    const byte ErrorChannel = 1;
    const int PortPrefixLength = 2;

    /// <summary>
    /// Copies both ways until either side ends; returns the kubelet's error text, if it sent any.
    /// Closing <paramref name="local"/> is left to the caller, so it can note the error before the
    /// client sees its connection end.
    /// </summary>
    public static async Task<string?> RunAsync(Socket local, WebSocket remote, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var errors = new StringBuilder();
        var up = UpAsync(local, remote, stop.Token);
        var down = DownAsync(remote, local, errors, stop.Token);
        await Task.WhenAny(up, down);
        await stop.CancelAsync();
        await Task.WhenAll(Quietly(up), Quietly(down));
        await CloseAsync(remote);
        return errors.Length > 0 ? errors.ToString().Trim() : null;
    }

    static async Task UpAsync(Socket local, WebSocket remote, CancellationToken ct)
    {
        var buffer = new byte[1 + 16 * 1024];
        buffer[0] = DataChannel;
        while (true)
        {
            var read = await local.ReceiveAsync(buffer.AsMemory(1), SocketFlags.None, ct);
            if (read == 0) return;
            await remote.SendAsync(buffer.AsMemory(0, 1 + read), WebSocketMessageType.Binary, endOfMessage: true, ct);
        }
    }

    static async Task DownAsync(WebSocket remote, Socket local, StringBuilder errors, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        var prefixLeft = new[] { PortPrefixLength, PortPrefixLength };
        while (true)
        {
            var received = await remote.ReceiveAsync(buffer.AsMemory(), ct);
            if (received.MessageType == WebSocketMessageType.Close) break;
            if (received.Count == 0) continue;
            // The channel byte leads a message, not each of its fragments.
            var channel = buffer[0];
            var payload = buffer.AsMemory(1, received.Count - 1);
            while (true)
            {
                if (channel <= ErrorChannel)
                {
                    var skip = Math.Min(prefixLeft[channel], payload.Length);
                    prefixLeft[channel] -= skip;
                    payload = payload[skip..];
                    if (channel == DataChannel)
                        while (payload.Length > 0)
                            payload = payload[await local.SendAsync(payload, SocketFlags.None, ct)..];
                    else
                        errors.Append(Encoding.UTF8.GetString(payload.Span));
                }
                if (received.EndOfMessage) break;
                received = await remote.ReceiveAsync(buffer.AsMemory(), ct);
                payload = buffer.AsMemory(0, received.Count);
            }
        }
    }

    /// <summary>Either side may already be gone when the other ends; that is how a tunnel ends, not a failure.</summary>
    static async Task Quietly(Task copy)
    {
        try
        {
            await copy;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    static async Task CloseAsync(WebSocket remote)
    {
        if (remote.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // A server that stopped reading must not hold the connection's end.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await remote.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, patience.Token);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }
        remote.Abort();
    }
}
