using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>Runs a scenario under its load simulations and returns what it measured.</summary>
public static class LoadRunner
{
    /// <summary>
    /// Runs until the load simulations end (or the iterations are done, or more requests failed
    /// than the scenario's max fail count), lets in-flight steps
    /// finish within the drain timeout, and returns the measurements. Cancelling
    /// <paramref name="ct"/> stops every virtual user and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="reportingInterval">Length of the per-interval series; default 1 s, or 1/300 of a long run.</param>
    public static async Task<LoadResult> RunAsync(Scenario scenario, CancellationToken ct, TimeSpan? reportingInterval = null)
    {
        var timeline = new LoadTimeline(scenario.LoadSimulations);
        var interval = reportingInterval ?? DefaultInterval(timeline.Duration);
        var startedAt = DateTimeOffset.UtcNow;
        var origin = Stopwatch.GetTimestamp();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(abort.Token);
        var failureLimit = new FailureLimit(scenario.MaxFailCount, stop);
        var measurements = new RunMeasurements(origin + (long)(scenario.WarmUpDuration.TotalSeconds * Stopwatch.Frequency), interval, failureLimit, scenario.RequestObserver);
        var iterations = new IterationRunner(scenario, measurements, abort.Token, timeline.IterationLimit);
        try
        {
            var load = timeline.IsOpen
                ? new OpenModel(timeline, iterations).RunAsync(origin, stop.Token)
                : new ClosedModel(timeline, iterations).RunAsync(origin, stop.Token);
            await load;
            if (timeline.IterationLimit is not null)
            {
                await iterations.WaitIdleAsync(ct);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The load phase ended; in-flight work drains below.
        }
        var loadEnded = Stopwatch.GetTimestamp();
        await stop.CancelAsync();
        await iterations.DrainAsync(scenario.DrainTimeout, abort);
        ct.ThrowIfCancellationRequested();

        var measured = TimeSpan.FromSeconds(Math.Max(0, loadEnded - measurements.MeasureFromTimestamp) / (double)Stopwatch.Frequency);
        var (steps, total, ok, failed) = measurements.Snapshot(measured);
        return new LoadResult(scenario.Name, timeline.IsOpen ? "open" : "closed", startedAt, scenario.WarmUpDuration,
            measured, interval, steps, total, ok, failed, failureLimit.Reason);
    }

    private static TimeSpan DefaultInterval(TimeSpan? duration) =>
        duration is { } d && d > TimeSpan.FromMinutes(5)
            ? TimeSpan.FromSeconds(Math.Ceiling(d.TotalSeconds / 300))
            : TimeSpan.FromSeconds(1);
}
