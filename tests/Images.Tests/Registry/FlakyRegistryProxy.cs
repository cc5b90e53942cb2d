using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Images.Tests.Registry;

/// <summary>
/// A registry that fails for a moment: a plain TCP proxy in front of a real registry that answers the first
/// <c>manifestFailures</c> manifest requests (the push's PUT, the pull's GET) with 503 and forwards everything
/// else. One request per connection, so each request is seen; the registry builds its upload URLs from the
/// Host header, which stays the proxy's.
/// </summary>
sealed class FlakyRegistryProxy : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly int _upstreamPort;
    readonly CancellationTokenSource _stop = new();
    readonly Task _accepting;
    int _failuresLeft;
    int _failed;

    public FlakyRegistryProxy(int upstreamPort, int manifestFailures)
    {
        _upstreamPort = upstreamPort;
        _failuresLeft = manifestFailures;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many requests were answered 503.</summary>
    public int Failed => Volatile.Read(ref _failed);

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = HandleAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                var (head, rest) = await ReadHeadAsync(stream);
                if (head is null)
                {
                    await PipeAsync(stream, rest, []);
                    return;
                }
                var lines = head.Split("\r\n");
                if (lines[0].Contains("/manifests/") && Interlocked.Decrement(ref _failuresLeft) >= 0)
                {
                    // Read the manifest the client sends before answering: closing on unread data would reset the connection.
                    var length = ContentLength(lines);
                    if (length > rest.Length) await stream.ReadExactlyAsync(new byte[length - rest.Length], _stop.Token);
                    Interlocked.Increment(ref _failed);
                    await stream.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                    return;
                }
                var forwarded = lines.Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase) && l.Length > 0).Append("Connection: close");
                await PipeAsync(stream, Encoding.ASCII.GetBytes(string.Join("\r\n", forwarded) + "\r\n\r\n"), rest);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
            {
                // The client or registry went away: the connection ends, as a real proxy's would.
            }
        }
    }

    /// <summary>Sends what was read to the registry, then the rest both ways until the registry closes.</summary>
    async Task PipeAsync(NetworkStream client, byte[] head, byte[] rest)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
        var upstreamStream = upstream.GetStream();
        await upstreamStream.WriteAsync(head, _stop.Token);
        await upstreamStream.WriteAsync(rest, _stop.Token);
        using var requestDone = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var body = client.CopyToAsync(upstreamStream, requestDone.Token);
        await upstreamStream.CopyToAsync(client, _stop.Token);
        await requestDone.CancelAsync();
        try { await body; } catch (OperationCanceledException) { } catch (IOException) { }
    }

    /// <summary>The request's head and what came after it; a null head for what is not HTTP (the engine tries TLS first).</summary>
    static async Task<(string? Head, byte[] Body)> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0) throw new EndOfStreamException();
            buffer.AddRange(chunk.AsSpan(0, read));
            var all = buffer.ToArray();
            if (all[0] == 0x16) return (null, all);
            var end = all.AsSpan().IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.ASCII.GetString(all, 0, end), all[(end + 4)..]);
        }
    }

    static int ContentLength(IEnumerable<string> lines) =>
        lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(l => int.Parse(l[15..].Trim())).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
