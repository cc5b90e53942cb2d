using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// The deployment lock on a cluster, as <see cref="CrossProcessLock"/> is on one machine: a
/// coordination.k8s.io/v1 Lease <c>mooc-deploy-&lt;deployment&gt;</c> in the platform's namespace
/// (created if missing), naming its holder (<see cref="LeaseHolder"/>). It is held while renewed
/// (every <see cref="LeaseTiming.RenewEvery"/>) and deleted on dispose. A lease whose holder stopped
/// renewing it (its renewTime plus its duration has passed, or it has not changed for its duration
/// as seen from here, or its process on this host is gone) is taken over, saying so. Every write
/// carries the resourceVersion it read, so of two runs writing at once one gets 409 Conflict and
/// looks again. Taking it is a <see cref="Wait"/>: it never waits past its timeout, and the timeout
/// names the holder.
/// </summary>
public sealed class LeaseLock : IAsyncDisposable
{
    static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);
    readonly IKubernetes _client;
    readonly string _identity;
    readonly LeaseTiming _timing;
    readonly CancellationTokenSource _stop = new();
    readonly CancellationTokenSource _lost = new();
    readonly Task _renewing;
    V1Lease _lease;
    int _disposed;

    LeaseLock(IKubernetes client, V1Lease lease, string identity, LeaseTiming timing, string what)
    {
        _client = client;
        _lease = lease;
        _identity = identity;
        _timing = timing;
        What = what;
        _renewing = RenewAsync();
    }

    /// <summary>"the lock on deployment 'D' (lease L in namespace N)", as messages name it.</summary>
    public string What { get; }

    /// <summary>Cancelled when the lease was lost while held (another run took it, or it was deleted): the holder should stop.</summary>
    public CancellationToken Lost => _lost.Token;

    public static string LeaseName(string deployment) => $"mooc-deploy-{deployment}";

    /// <inheritdoc cref="AcquireAsync(IKubernetes, string, string, string, TimeSpan, LeaseTiming, CancellationToken)"/>
    public static Task<LeaseLock> AcquireAsync(IKubernetes client, string @namespace, string deployment, string target, TimeSpan timeout, CancellationToken ct) =>
        AcquireAsync(client, @namespace, deployment, target, timeout, LeaseTiming.Default, ct);

    /// <summary>
    /// Takes the lock on <paramref name="deployment"/> for <paramref name="target"/>, waiting up to
    /// <paramref name="timeout"/> for its holder; then fails (<see cref="WaitTimeoutException"/>) naming the holder.
    /// </summary>
    public static async Task<LeaseLock> AcquireAsync(IKubernetes client, string @namespace, string deployment, string target, TimeSpan timeout, LeaseTiming timing, CancellationToken ct)
    {
        await Namespaces.EnsureAsync(client, @namespace, deployment, ct);
        var name = LeaseName(deployment);
        var what = $"the lock on deployment '{deployment}' (lease {name} in namespace {@namespace})";
        var attempt = new Attempt(client, @namespace, name, deployment, LockHolder.Me(target), LeaseHolder.NewIdentity(), timing);
        var wait = new Wait(what, timeout)
        {
            Interval = Poll,
            ReportEvery = ReportEvery,
            Hint = $"Wait for that run to finish (or stop it), then run again. The lease: kubectl --namespace {@namespace} get lease {name} -o yaml",
        };
        var (lease, tookOverFrom) = await wait.UntilAsync(attempt.LookAsync, ct);
        if (tookOverFrom is not null) Log.Warn($"Took over {what} left by {tookOverFrom}.");
        return new LeaseLock(client, lease, attempt.Identity, timing, what);
    }

    /// <summary>One acquisition: its holder, and how long each version of the lease has been seen unchanged.</summary>
    sealed class Attempt(IKubernetes client, string @namespace, string name, string deployment, LockHolder me, string identity, LeaseTiming timing)
    {
        string? _seenVersion;
        readonly Stopwatch _seenFor = new();

        public string Identity => identity;

        public async Task<Seen<(V1Lease Lease, string? TookOverFrom)>> LookAsync(CancellationToken ct)
        {
            V1Lease current;
            try
            {
                current = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
            {
                return await CreateAsync(ct);
            }
            var previous = LeaseHolder.Describe(current);
            var held = !string.IsNullOrEmpty(current.Spec?.HolderIdentity);
            var stale = held ? StaleBecause(current) : null;
            if (held && stale is null)
                return Seen.NotYet($"held by {previous}");
            current.Spec ??= new V1LeaseSpec();
            current.Spec.LeaseTransitions = (current.Spec.LeaseTransitions ?? 0) + 1;
            current.Hold(me, identity, timing);
            try
            {
                var taken = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(current, name, @namespace, cancellationToken: ct);
                return Seen.Done<(V1Lease, string?)>((taken, stale is null ? null : $"{previous}: {stale}"));
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict) || e.Is(HttpStatusCode.NotFound))
            {
                return Seen.NotYet($"changed as this run took it over from {previous} (its holder renewed or released it, or another run took it)");
            }
        }

        async Task<Seen<(V1Lease, string?)>> CreateAsync(CancellationToken ct)
        {
            var lease = new V1Lease
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    NamespaceProperty = @namespace,
                    Labels = new Dictionary<string, string> { [LabelNames.ManagedBy] = LabelNames.ManagedByValue, [LabelNames.Instance] = deployment },
                },
            };
            lease.Hold(me, identity, timing);
            try
            {
                return Seen.Done<(V1Lease, string?)>((await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, @namespace, cancellationToken: ct), null));
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
            {
                return Seen.NotYet("another run created it first");
            }
        }

        /// <summary>Why a held lease may be taken over; null while its holder keeps it.</summary>
        string? StaleBecause(V1Lease lease)
        {
            if (lease.Metadata.ResourceVersion != _seenVersion)
            {
                _seenVersion = lease.Metadata.ResourceVersion;
                _seenFor.Restart();
            }
            var duration = lease.Spec?.LeaseDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : timing.Duration;
            if (LeaseHolder.ExpiresAt(lease) is { } expires && expires < DateTimeOffset.UtcNow)
                return $"not renewed since {expires - duration:u}, and it lasts {Seconds(duration)}";
            // The holder's clock may run ahead of ours; a lease that does not move for its duration is not renewed, whatever it says.
            if (_seenFor.Elapsed > duration)
                return $"not renewed for {Seconds(_seenFor.Elapsed)} (it lasts {Seconds(duration)})";
            if (LeaseHolder.Read(lease) is { } holder && !holder.IsAlive())
                return "its process is gone";
            return null;
        }
    }

    async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_timing.RenewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await RenewOnceAsync(_stop.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    async Task RenewOnceAsync(CancellationToken ct)
    {
        var name = _lease.Metadata.Name;
        var @namespace = _lease.Metadata.NamespaceProperty;
        try
        {
            try
            {
                _lease.Spec.RenewTime = DateTime.UtcNow;
                _lease = await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(_lease, name, @namespace, cancellationToken: ct);
            }
            catch (HttpOperationException e) when (e.Is(HttpStatusCode.Conflict))
            {
                // Written since we read it: by someone who took it, or (a renewal cut off mid-way) by us.
                var current = await _client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: ct);
                if (current.Spec?.HolderIdentity == _identity) _lease = current;
                else await LoseAsync($"taken by {LeaseHolder.Describe(current)}");
            }
        }
        catch (HttpOperationException e) when (e.Is(HttpStatusCode.NotFound))
        {
            await LoseAsync("its lease was deleted");
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException && !ct.IsCancellationRequested)
        {
            var message = e is HttpOperationException api ? api.Message() : e.Message;
            Log.Warn($"Could not renew {What} ({message}); trying again in {Seconds(_timing.RenewEvery)}. Unrenewed, it lasts {Seconds(_timing.Duration)}.");
        }
    }

    async Task LoseAsync(string why)
    {
        Log.Error($"Lost {What}: {why}. Another run may be changing the deployment now.");
        await _lost.CancelAsync();
        await _stop.CancelAsync();
    }

    static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";

    /// <summary>Stops renewing and deletes the lease, unless it is no longer ours.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        await _renewing;
        if (_lost.IsCancellationRequested) return;
        try
        {
            var current = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_lease.Metadata.Name, _lease.Metadata.NamespaceProperty);
            if (current.Spec?.HolderIdentity != _identity) return;
            var preconditions = new V1Preconditions { Uid = current.Metadata.Uid, ResourceVersion = current.Metadata.ResourceVersion };
            await _client.CoordinationV1.DeleteNamespacedLeaseAsync(current.Metadata.Name, current.Metadata.NamespaceProperty, new V1DeleteOptions { Preconditions = preconditions });
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            var message = e is HttpOperationException api ? api.Message() : e.Message;
            Log.Warn($"Could not release {What} ({message}); the next run takes it over after {Seconds(_timing.Duration)}.");
        }
    }
}
