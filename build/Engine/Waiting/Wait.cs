using System.Diagnostics;

namespace Mooc.Build;

/// <summary>
/// The one way the pipeline waits for something outside it (an engine that starts, a container that
/// becomes healthy, a lock another run holds, a page that answers): look, and look again every
/// <see cref="Interval"/>, until the look says done, <see cref="Timeout"/> passes or the token is
/// cancelled. A look that fails for good throws; the wait does not hide it. Immutable: every
/// <c>with</c> makes a new wait.
/// </summary>
public sealed record Wait(string What, TimeSpan Timeout)
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>When set, the first look that is not done is logged with its state, then one every this often.</summary>
    public TimeSpan? ReportEvery { get; init; }

    /// <summary>What to do about a timeout, appended to its message.</summary>
    public string? Hint { get; init; }

    /// <summary>Looks until done and returns what the last look found; throws <see cref="WaitTimeoutException"/> naming the last state seen.</summary>
    public async Task<T> UntilAsync<T>(Func<CancellationToken, Task<Seen<T>>> look, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? lastReport = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var seen = await look(ct);
            if (seen.IsDone) return seen.Value!;

            var elapsed = clock.Elapsed;
            if (elapsed >= Timeout) throw new WaitTimeoutException(this, elapsed, seen.State);
            if (ReportEvery is { } every && (lastReport is null || elapsed - lastReport >= every))
            {
                Log.Info($"Waiting for {What}: {seen.State} [{Seconds(elapsed)} of {Seconds(Timeout)}]");
                lastReport = elapsed;
            }
            // The last look comes at the deadline, not an interval after it.
            await Task.Delay(Interval < Timeout - elapsed ? Interval : Timeout - elapsed, ct);
        }
    }

    /// <summary>
    /// Waits for <paramref name="work"/> that ends by itself (a process, a stream to its end), giving it
    /// a token cancelled at the timeout; a timeout throws <see cref="WaitTimeoutException"/> with what
    /// <paramref name="state"/> says at that moment (else "still running").
    /// </summary>
    public async Task<T> WithinAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct, Func<string>? state = null)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            return await work(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new WaitTimeoutException(this, clock.Elapsed, state?.Invoke() ?? "still running");
        }
    }

    /// <summary>A span as waits print it: "4.2 s", "37 s".</summary>
    public static string Seconds(TimeSpan span) => span < TimeSpan.FromSeconds(10) ? $"{span.TotalSeconds:0.0} s" : $"{span.TotalSeconds:0} s";
}

/// <summary>A wait that ran out of time: what it waited for, how long, and the state its last look saw.</summary>
public sealed class WaitTimeoutException(Wait wait, TimeSpan waited, string lastState) : TimeoutException(
    $"Gave up waiting for {wait.What} after {Wait.Seconds(waited)} (timeout {Wait.Seconds(wait.Timeout)}); last seen: {lastState}."
    + (wait.Hint is { } hint ? " " + hint : ""))
{
    public string What => wait.What;
    public TimeSpan Waited => waited;
    public string LastState => lastState;
}
