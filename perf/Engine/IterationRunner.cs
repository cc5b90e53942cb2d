using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>Starts scenario iterations, counts them, and tracks the ones in flight so the run can drain.</summary>
internal sealed class IterationRunner(
    Scenario scenario, RunMeasurements measurements, CancellationToken abort, long? iterationLimit)
{
    private readonly ThinkTime _thinkTime = new(scenario.ThinkTimeMin, scenario.ThinkTimeMax);
    private long _nextInvocation = -1;
    private int _inFlight;

    /// <summary>Takes the next invocation number; null once the iteration limit is spent.</summary>
    public long? TakeInvocation()
    {
        var invocation = Interlocked.Increment(ref _nextInvocation);
        return iterationLimit is { } limit && invocation >= limit ? null : invocation;
    }

    public bool LimitReached => iterationLimit is { } limit && Interlocked.Read(ref _nextInvocation) >= limit - 1;

    /// <summary>
    /// Starts one open-model arrival on the thread pool, counted as in flight from this call on.
    /// An arrival scheduled within the load phase runs to its end even if the thread pool starts
    /// it late; only cancellation or the drain timeout stops it.
    /// </summary>
    public void Launch(int virtualUserId, long invocation, long intendedStart)
    {
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(() => RunCountedAsync(virtualUserId, invocation, intendedStart), CancellationToken.None);
    }

    /// <summary>
    /// Runs one closed-model virtual user: iterations back to back until it is stopped or the
    /// iteration limit is spent; never throws. The loop runs the scenario itself, with one
    /// context for all its iterations, so an iteration costs no async layer or allocation of
    /// the engine's own.
    /// </summary>
    public async Task RunUserAsync(int virtualUserId, CancellationToken userStop)
    {
        var context = new ScenarioContext(scenario.Name, virtualUserId, measurements, _thinkTime, userStop, abort);
        var thinkFirst = false;
        while (!userStop.IsCancellationRequested && TakeInvocation() is { } invocation)
        {
            Interlocked.Increment(ref _inFlight);
            try
            {
                context.Begin(invocation, thinkFirst, intendedStartTimestamp: null);
                var response = await scenario.Run(context);
                measurements.CountIteration(context.IterationStart, ok: !response.IsError);
            }
            catch (Exception exception)
            {
                CountFailure(context, exception, userStop);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
            thinkFirst = true;
        }
    }

    private async Task RunCountedAsync(int virtualUserId, long invocation, long intendedStart)
    {
        var context = new ScenarioContext(scenario.Name, virtualUserId, measurements, _thinkTime, abort, abort);
        try
        {
            context.Begin(invocation, thinkBeforeFirstStep: false, intendedStart);
            var response = await scenario.Run(context);
            measurements.CountIteration(context.IterationStart, ok: !response.IsError);
        }
        catch (Exception exception)
        {
            CountFailure(context, exception, abort);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>A failed step or any exception fails the iteration; being stopped by the engine is neither a success nor a failure of the platform.</summary>
    private void CountFailure(ScenarioContext context, Exception exception, CancellationToken userStop)
    {
        var stoppedByEngine = exception is OperationCanceledException && (userStop.IsCancellationRequested || abort.IsCancellationRequested);
        if (!stoppedByEngine)
        {
            measurements.CountIteration(context.IterationStart, ok: false);
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Waits until no iteration is in flight, so an iteration-bounded run completes every iteration.</summary>
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        while (InFlight > 0)
        {
            await Task.Delay(5, ct);
        }
    }

    /// <summary>Waits for in-flight iterations; after <paramref name="timeout"/> cancels them and waits for them to unwind.</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationTokenSource abortSource)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (InFlight > 0)
        {
            if (Stopwatch.GetTimestamp() >= deadline && !abortSource.IsCancellationRequested)
            {
                await abortSource.CancelAsync();
            }
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
