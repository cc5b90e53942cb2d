namespace Cluster.Tests;

/// <summary>What a platform needs from a cluster: its images run without a registry, and its pods find each other's Services by name.</summary>
[Trait("Category", "Cluster")]
public sealed class WorkloadTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    /// <summary>
    /// Connects to memcached at each name given and prints the name and its reply to "version",
    /// or why it could not. A Service's routing follows its creation by a moment (kube-proxy
    /// programs it when it hears of the Service and its endpoint). Until then a connection to its
    /// address is refused, times out, or, where the machine's own network intercepts outgoing
    /// connections (CI's does), is answered by something that is not memcached. Each of these is
    /// tried again for up to 20 s, as any client would; a name that does not resolve is final.
    /// </summary>
    const string VersionClient = """
        use IO::Socket::INET;
        for my $name (@ARGV) {
          my $reply;
          for my $attempt (1 .. 20) {
            my $s = IO::Socket::INET->new(PeerAddr => $name, PeerPort => 11211, Timeout => 2);
            if ($s) {
              print $s "version\r\n";
              $reply = <$s> // "(closed without a reply)\n";
              last if $reply =~ /^VERSION /;
            } else {
              $reply = "no connection: $@\n";
              last if $@ =~ /Bad hostname/;
            }
            sleep 1;
          }
          print "$name: $reply";
        }
        """;

    [Fact]
    public async Task A_deployment_of_the_platforms_memcached_image_becomes_ready_on_the_node()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);

        await workloads.DeployMemcachedAsync("memcached");

        Assert.Equal("1", await workloads.InNamespaceAsync("get", "deployment", "memcached", "-o", "jsonpath={.status.readyReplicas}"));
        Assert.Equal(cluster.MemcachedImage, await workloads.InNamespaceAsync("get", "pods", "-l", "app=memcached", "-o", "jsonpath={.items[0].spec.containers[0].image}"));
    }

    [Fact]
    public async Task A_pod_reaches_a_service_by_its_short_and_full_names_and_unknown_names_do_not_resolve()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("cache");
        var fullName = $"cache.{workloads.Namespace}.svc.cluster.local";

        await workloads.ApplyAsync($$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: client
            spec:
              restartPolicy: Never
              containers:
              - name: client
                image: {{cluster.MemcachedImage}}
                imagePullPolicy: Never
                command: ["perl", "-e", {{System.Text.Json.JsonSerializer.Serialize(VersionClient)}}, "cache", "{{fullName}}", "no-such-service"]
            """);

        Assert.Equal("Succeeded", await workloads.FinishedPhaseAsync("client"));
        var replies = (await workloads.InNamespaceAsync("logs", "client")).Split('\n');
        Assert.Matches(@"^cache: VERSION \d+\.\d+", replies[0]);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(fullName)}: VERSION \d+\.\d+", replies[1]);
        Assert.StartsWith("no-such-service: no connection", replies[2]);
    }

    [Fact]
    public async Task A_pod_reaches_its_own_service()
    {
        await using var workloads = new Workloads(cluster.MemcachedImage);
        await workloads.DeployMemcachedAsync("self");

        var reply = await workloads.InNamespaceAsync("exec", "deployment/self", "--", "perl", "-e", VersionClient, "self");

        Assert.Matches(@"^self: VERSION \d+\.\d+", reply);
    }
}
