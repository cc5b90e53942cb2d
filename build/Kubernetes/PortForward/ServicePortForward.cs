using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using k8s;
using k8s.Autorest;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// What <c>kubectl port-forward service/NAME 0:PORT</c> does, for a cluster with no public URL: a
/// listener on 127.0.0.1 (a free port) whose every connection is carried to a Ready pod of the
/// Service through the API server (the kubelet runs socat on the node for it). The pod is chosen
/// per connection, so when a replica is replaced new connections go to the Ready ones and a load
/// test runs on. What kept a connection from reaching a pod (the kubelet's own error text, an API
/// refusal, no Ready pod) is logged once per distinct message and kept in <see cref="Failures"/>.
/// </summary>
public sealed class ServicePortForward : IAsyncDisposable
{
    const int MaxAttemptsPerConnection = 3;
    readonly IKubernetes _client;
    readonly ServiceBackends _backends;
    readonly Socket _listener;
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentDictionary<long, Task> _connections = new();
    readonly ConcurrentDictionary<string, int> _failures = new();
    readonly Task _accepting;
    long _nextConnection;
    int _disposed;

    ServicePortForward(IKubernetes client, ServiceBackends backends, Socket listener)
    {
        _client = client;
        _backends = backends;
        _listener = listener;
        LocalPort = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync();
    }

    public int LocalPort { get; }

    public Uri LocalUrl => new($"http://127.0.0.1:{LocalPort}/");

    /// <summary>"service/NAME:PORT", as the opening line names it.</summary>
    public string Target => $"service/{_backends.Service}:{_backends.ServicePort}";

    /// <summary>Why connections could not reach a pod, each distinct message once, in no particular order.</summary>
    public IReadOnlyCollection<string> Failures => _failures.Keys.ToList();

    /// <summary>
    /// Opens the forward to <paramref name="servicePort"/> of <paramref name="service"/>; fails
    /// (<see cref="PortForwardException"/>) when the Service or port does not exist or no pod of it is Ready.
    /// </summary>
    public static async Task<ServicePortForward> OpenAsync(IKubernetes client, string @namespace, string service, int servicePort, CancellationToken ct)
    {
        var backends = await ServiceBackends.ReadAsync(client, @namespace, service, servicePort, ct);
        var first = await backends.NextAsync([], ct);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(backlog: 512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var forward = new ServicePortForward(client, backends, listener);
        Log.Info($"Port-forward 127.0.0.1:{forward.LocalPort} -> {forward.Target} through the API server (pods of the service; first {first.Pod} port {first.Port})");
        return forward;
    }

    async Task AcceptAsync()
    {
        while (true)
        {
            Socket local;
            try
            {
                local = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                // A client that gave up before its connection was accepted; the next one is served.
                continue;
            }
            catch (SocketException e)
            {
                Fail($"The port-forward to {Target} stopped accepting connections on 127.0.0.1:{LocalPort}: {e.Message}");
                return;
            }
            var id = Interlocked.Increment(ref _nextConnection);
            _connections[id] = ServeAsync(id, local);
        }
    }

    async Task ServeAsync(long id, Socket local)
    {
        // Off the accept loop at once.
        await Task.Yield();
        try
        {
            local.NoDelay = true;
            await ForwardAsync(local, _stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Fail($"A connection through {Target} failed: {e.Message}");
        }
        finally
        {
            local.Dispose();
            _connections.TryRemove(id, out _);
        }
    }

    async Task ForwardAsync(Socket local, CancellationToken ct)
    {
        var gone = new List<string>();
        for (var attempt = 1; attempt <= MaxAttemptsPerConnection; attempt++)
        {
            Backend backend;
            try
            {
                backend = await _backends.NextAsync(gone, ct);
            }
            catch (PortForwardException e)
            {
                Fail(e.Message);
                return;
            }
            WebSocket remote;
            try
            {
                remote = await _client.WebSocketNamespacedPodPortForwardAsync(backend.Pod, _backends.Namespace, [backend.Port], PortForwardTunnel.Protocol, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
            {
                // Deleted between the look and the forward: the next Ready pod takes the connection.
                gone.Add(backend.Pod);
                continue;
            }
            catch (HttpOperationException e)
            {
                Fail($"The API server refused the port-forward to pod {backend.Pod} port {backend.Port} of {Target}: {e.Message()}");
                return;
            }
            using (remote)
            {
                if (await PortForwardTunnel.RunAsync(local, remote, ct) is { } error)
                    Fail($"The kubelet could not forward to pod {backend.Pod} port {backend.Port} of {Target}: {error}");
            }
            return;
        }
        Fail($"Pods of {Target} went away while connecting ({string.Join(", ", gone)}).");
    }

    void Fail(string message)
    {
        if (_failures.AddOrUpdate(message, 1, (_, count) => count + 1) == 1)
            Log.Warn(message);
    }

    /// <summary>Stops listening and ends every connection still open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        await Task.WhenAll(_connections.Values);
        _stop.Dispose();
    }
}
