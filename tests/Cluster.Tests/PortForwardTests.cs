using System.Net;
using System.Net.Sockets;
using System.Text;
using Mooc.Kubernetes;

namespace Cluster.Tests;

/// <summary>
/// A Service reached from this machine through the API server, as SmokeTest and LoadTest reach the
/// platform on a cluster with no public URL: memcached and HTTP answer through it, on many
/// connections at once, and after their pod is replaced; what cannot work says why.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class PortForwardTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    /// <summary>A deadline for a test's own network calls, so a broken forward fails the test instead of hanging it.</summary>
    static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task Memcached_answers_through_the_forward_on_fifty_connections_open_at_once()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("cache");
        using var client = DryRunApply.Connect();
        await using var forward = await ServicePortForward.OpenAsync(client, workloads.Namespace, "cache", 11211, Deadline);

        var connections = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ConnectAsync(forward.LocalPort)));
        try
        {
            var replies = await Task.WhenAll(connections.Select(c => AskVersionAsync(c)));

            Assert.All(replies, reply => Assert.Matches(@"^VERSION \d+\.\d+", reply));
            Assert.Empty(forward.Failures);
            Assert.Equal(new Uri($"http://127.0.0.1:{forward.LocalPort}/"), forward.LocalUrl);
        }
        finally
        {
            foreach (var connection in connections) connection.Dispose();
        }
    }

    [Fact]
    public async Task After_the_pod_is_replaced_a_new_connection_through_the_same_forward_reaches_the_replacement()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("cache");
        using var client = DryRunApply.Connect();
        await using var forward = await ServicePortForward.OpenAsync(client, workloads.Namespace, "cache", 11211, Deadline);
        Assert.Matches(@"^VERSION ", await VersionAsync(forward.LocalPort));
        var first = await workloads.InNamespaceAsync("get", "pods", "-l", "app=cache", "-o", "jsonpath={.items[0].metadata.name}");

        await workloads.InNamespaceAsync("delete", "pod", first);
        await workloads.InNamespaceAsync("wait", "--for=condition=Ready", "pod", "-l", "app=cache", "--timeout=180s");

        Assert.NotEqual(first, await workloads.InNamespaceAsync("get", "pods", "-l", "app=cache", "-o", "jsonpath={.items[0].metadata.name}"));
        Assert.Matches(@"^VERSION ", await VersionAsync(forward.LocalPort));
        Assert.Empty(forward.Failures);
    }

    [Fact]
    public async Task An_http_service_with_a_named_target_port_answers_from_each_of_its_ready_pods_in_turn()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await Workloads.KubectlAsync("create", "namespace", workloads.Namespace);
        await workloads.ApplyAsync(HttpDeployment(cluster.MemcachedImage, "web", replicas: 2));
        await workloads.RolloutAsync("web");
        using var client = DryRunApply.Connect();
        await using var forward = await ServicePortForward.OpenAsync(client, workloads.Namespace, "web", 80, Deadline);
        using var http = new HttpClient { BaseAddress = forward.LocalUrl };

        var answeredBy = new List<string>();
        for (var request = 0; request < 4; request++)
        {
            using var response = await http.GetAsync("/", Deadline);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answeredBy.Add((await response.Content.ReadAsStringAsync(Deadline)).Trim());
        }

        var pods = (await workloads.InNamespaceAsync("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}")).Split(' ');
        Assert.Equal(pods.Order(), answeredBy.Distinct().Order());
    }

    [Fact]
    public async Task A_service_that_does_not_exist_or_has_no_ready_pod_cannot_be_opened_and_says_why()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await Workloads.KubectlAsync("create", "namespace", workloads.Namespace);
        await workloads.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: never-ready
              labels: {app: stuck}
            spec:
              containers:
              - name: memcached
                image: {{cluster.MemcachedImage}}
                imagePullPolicy: Never
                readinessProbe: {tcpSocket: {port: 9}, periodSeconds: 1}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: stuck
            spec:
              selector: {app: stuck}
              ports: [{port: 11211}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: empty
            spec:
              selector: {app: nothing-has-this-label}
              ports: [{port: 11211}]
            """);
        using var client = DryRunApply.Connect();

        var notReady = await Assert.ThrowsAsync<PortForwardException>(() => ServicePortForward.OpenAsync(client, workloads.Namespace, "stuck", 11211, Deadline));
        var noPods = await Assert.ThrowsAsync<PortForwardException>(() => ServicePortForward.OpenAsync(client, workloads.Namespace, "empty", 11211, Deadline));
        var noPort = await Assert.ThrowsAsync<PortForwardException>(() => ServicePortForward.OpenAsync(client, workloads.Namespace, "empty", 80, Deadline));
        var missing = await Assert.ThrowsAsync<PortForwardException>(() => ServicePortForward.OpenAsync(client, workloads.Namespace, "nginx", 80, Deadline));

        Assert.Contains($"service/stuck in namespace {workloads.Namespace} has no Ready pod", notReady.Message);
        Assert.Contains("never-ready (", notReady.Message);
        Assert.Contains("pods: none", noPods.Message);
        Assert.Contains("has no port 80; its ports: 11211", noPort.Message);
        Assert.Contains($"service/nginx does not exist in namespace {workloads.Namespace}", missing.Message);
    }

    [Fact]
    public async Task When_the_kubelet_cannot_reach_the_port_the_connection_ends_and_the_kubelets_own_words_are_kept()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("cache");
        await workloads.ApplyAsync("""
            apiVersion: v1
            kind: Service
            metadata:
              name: wrong-port
            spec:
              selector: {app: cache}
              ports: [{port: 11211, targetPort: 11299}]
            """);
        using var client = DryRunApply.Connect();
        await using var forward = await ServicePortForward.OpenAsync(client, workloads.Namespace, "wrong-port", 11211, Deadline);

        using var connection = await ConnectAsync(forward.LocalPort);
        Assert.Null(await ReplyOrEndAsync(connection));

        var failure = Assert.Single(forward.Failures);
        Assert.Contains("The kubelet could not forward to pod cache-", failure);
        Assert.Contains("port 11299 of service/wrong-port:11211: error forwarding port 11299", failure);
    }

    [Fact]
    public async Task Disposing_the_forward_ends_open_connections_and_stops_listening()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("cache");
        using var client = DryRunApply.Connect();
        var forward = await ServicePortForward.OpenAsync(client, workloads.Namespace, "cache", 11211, Deadline);
        using var open = await ConnectAsync(forward.LocalPort);
        Assert.Matches(@"^VERSION ", await AskVersionAsync(open));

        await forward.DisposeAsync();

        Assert.Null(await ReplyOrEndAsync(open));
        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(forward.LocalPort));
    }

    static string HttpDeployment(string image, string name, int replicas) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
              - name: http
                image: {{image}}
                imagePullPolicy: Never
                env:
                - name: POD_NAME
                  valueFrom:
                    fieldRef: {fieldPath: metadata.name}
                command: ["perl", "-e", {{System.Text.Json.JsonSerializer.Serialize(PodNameServer)}}]
                ports: [{name: http, containerPort: 8080}]
                readinessProbe: {httpGet: {path: /, port: http}, periodSeconds: 1}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
        spec:
          selector: {app: {{name}}}
          ports: [{port: 80, targetPort: http}]
        """;

    /// <summary>Answers every HTTP request with the pod's name, one connection at a time.</summary>
    const string PodNameServer = """
        use IO::Socket::INET;
        my $listener = IO::Socket::INET->new(LocalPort => 8080, Listen => 64, ReuseAddr => 1) or die "listen: $!";
        while (my $c = $listener->accept) {
          while (my $line = <$c>) { last if $line =~ /^\r?\n$/ }
          my $body = "$ENV{POD_NAME}\n";
          print $c "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . length($body) . "\r\nConnection: close\r\n\r\n$body";
          close $c;
        }
        """;

    static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, Deadline);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    static async Task<string> VersionAsync(int port)
    {
        using var connection = await ConnectAsync(port);
        return await AskVersionAsync(connection);
    }

    static async Task<string> AskVersionAsync(TcpClient connection)
    {
        var stream = connection.GetStream();
        await stream.WriteAsync("version\r\n"u8.ToArray(), Deadline);
        return await ReplyOrEndAsync(connection) ?? "(the connection ended)";
    }

    /// <summary>The next line the server sends, or null when the connection ends (closed or reset) instead.</summary>
    static async Task<string?> ReplyOrEndAsync(TcpClient connection)
    {
        var stream = connection.GetStream();
        var line = new StringBuilder();
        var buffer = new byte[1];
        try
        {
            while (await stream.ReadAsync(buffer, Deadline) == 1)
            {
                if (buffer[0] == '\n') return line.ToString().TrimEnd('\r');
                line.Append((char)buffer[0]);
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
