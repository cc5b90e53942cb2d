using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Kubernetes;

namespace Cluster.Tests;

/// <summary>
/// The deployment lock on a cluster: a Lease in the platform's namespace that a second run waits
/// for and names, takes once released, takes over once its holder stopped renewing it, and that
/// stays held past its duration while its holder lives.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class LeaseLockTests(ClusterFixture cluster) : IAsyncLifetime, IClassFixture<ClusterFixture>
{
    const string Deployment = "lease-test";
    readonly Workloads _workloads = new(cluster.MemcachedImage);
    readonly Kubernetes _client = DryRunApply.Connect();

    string Namespace => _workloads.Namespace;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _workloads.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task The_first_run_creates_the_namespace_labelled_as_the_pipelines_and_a_lease_naming_it()
    {
        await using var held = await LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);

        var ns = await _client.CoreV1.ReadNamespaceAsync(Namespace);
        Assert.Equal(LabelNames.ManagedByValue, ns.Metadata.Labels.Label(LabelNames.ManagedBy));
        var lease = await ReadLeaseAsync();
        Assert.Equal(Deployment, lease.Metadata.Labels.Label(LabelNames.Instance));
        Assert.Equal(30, lease.Spec.LeaseDurationSeconds);
        Assert.StartsWith($"pid {Environment.ProcessId} on {Environment.MachineName}, target Deploy, since ", LeaseHolder.Describe(lease));
    }

    [Fact]
    public async Task A_second_run_waits_then_fails_naming_the_holder()
    {
        await using var held = await LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<WaitTimeoutException>(
            () => LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Down", TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.Contains($"the lock on deployment '{Deployment}' (lease mooc-deploy-{Deployment} in namespace {Namespace})", failure.Message);
        Assert.Contains($"held by pid {Environment.ProcessId} on {Environment.MachineName}, target Deploy", failure.Message);
        Assert.Contains("Wait for that run to finish", failure.Message);
    }

    [Fact]
    public async Task A_waiting_run_takes_the_lease_when_the_holder_releases_it_and_releases_it_in_turn()
    {
        var held = await LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);
        var waiting = LeaseLock.AcquireAsync(_client, Namespace, Deployment, "SmokeTest", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        var acquired = await waiting;
        Assert.Equal("SmokeTest", LeaseHolder.Read(await ReadLeaseAsync())?.Target);

        await acquired.DisposeAsync();
        Assert.Null(await FindLeaseAsync());
    }

    [Fact]
    public async Task A_lease_its_holder_stopped_renewing_is_taken_over_and_the_takeover_is_said()
    {
        await CreateLeaseAsync(new LockHolder(4242, "build-agent-7", "Deploy", DateTimeOffset.UtcNow.AddMinutes(-10)), renewedAt: DateTime.UtcNow.AddMinutes(-5));

        var output = await Printed.ByAsync(async () =>
        {
            await using var taken = await LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Deploy", TimeSpan.FromSeconds(5), CancellationToken.None);
            var lease = await ReadLeaseAsync();
            Assert.Equal(Environment.ProcessId, LeaseHolder.Read(lease)?.Pid);
            Assert.Equal(1, lease.Spec.LeaseTransitions);
        });

        Assert.Contains($"Took over the lock on deployment '{Deployment}'", output);
        Assert.Contains("left by pid 4242 on build-agent-7, target Deploy", output);
        Assert.Contains("not renewed since", output);
    }

    [Fact]
    public async Task A_fresh_lease_whose_holder_on_this_host_has_exited_is_taken_over_at_once()
    {
        using var exited = System.Diagnostics.Process.Start("true")!;
        await exited.WaitForExitAsync();
        await CreateLeaseAsync(new LockHolder(exited.Id, Environment.MachineName, "Deploy", DateTimeOffset.UtcNow), renewedAt: DateTime.UtcNow);

        var output = await Printed.ByAsync(async () =>
        {
            await using var taken = await LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Deploy", TimeSpan.FromSeconds(5), CancellationToken.None);
        });

        Assert.Contains($"left by pid {exited.Id} on {Environment.MachineName}, target Deploy", output);
        Assert.Contains("its process is gone", output);
    }

    [Fact]
    public async Task A_holder_that_renews_keeps_the_lease_past_its_duration()
    {
        // Renewals may be late by 3 s before the lease lapses: the cluster is busy with other tests' pods.
        var timing = new LeaseTiming(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1));
        await using var held = await LeaseLock.AcquireAsync(_client, Namespace, Deployment, "LoadTest", TimeSpan.Zero, timing, CancellationToken.None);

        // Three durations of waiting: unrenewed, the lease would be taken after the first.
        var failure = await Assert.ThrowsAsync<WaitTimeoutException>(
            () => LeaseLock.AcquireAsync(_client, Namespace, Deployment, "Deploy", 3 * timing.Duration, timing, CancellationToken.None));

        Assert.Contains($"held by pid {Environment.ProcessId} on {Environment.MachineName}, target LoadTest", failure.LastState);
        Assert.False(held.Lost.IsCancellationRequested);
    }

    /// <summary>A lease as another run would have left it, held by <paramref name="holder"/> and last renewed at <paramref name="renewedAt"/>.</summary>
    async Task CreateLeaseAsync(LockHolder holder, DateTime renewedAt)
    {
        await Namespaces.EnsureAsync(_client, Namespace, Deployment, CancellationToken.None);
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = LeaseLock.LeaseName(Deployment), NamespaceProperty = Namespace },
            Spec = new V1LeaseSpec(),
        };
        lease.Hold(holder, $"{holder.Host}_{holder.Pid}_other", LeaseTiming.Default);
        lease.Spec.RenewTime = renewedAt;
        await _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, Namespace);
    }

    Task<V1Lease> ReadLeaseAsync() => _client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseLock.LeaseName(Deployment), Namespace);

    async Task<V1Lease?> FindLeaseAsync() =>
        (await _client.CoordinationV1.ListNamespacedLeaseAsync(Namespace)).Items.SingleOrDefault(l => l.Metadata.Name == LeaseLock.LeaseName(Deployment));
}
