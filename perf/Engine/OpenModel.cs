using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>
/// Open model: scenario runs start on a schedule set by the arrival rate alone, never by how fast
/// earlier runs finish; each run's first step is timed from its scheduled start, so a server
/// that falls behind shows it as latency instead of silently lowering the load.
/// </summary>
internal sealed class OpenModel(LoadTimeline timeline, IterationRunner iterations)
{
    private static readonly TimeSpan ZeroRateStep = TimeSpan.FromMilliseconds(10);

    public async Task RunAsync(long origin, CancellationToken stop)
    {
        var next = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            if (timeline.Duration is { } duration && next >= duration)
            {
                await DelayUntilAsync(origin, duration, stop);
                return;
            }
            var (perSecond, phaseEnd) = timeline.RateAt(next);
            if (perSecond <= 0)
            {
                next = phaseEnd == TimeSpan.MaxValue ? next + ZeroRateStep : Max(phaseEnd, next + ZeroRateStep);
                continue;
            }
            if (iterations.TakeInvocation() is not { } invocation)
            {
                return;
            }
            await DelayUntilAsync(origin, next, stop);
            var intendedStart = origin + (long)(next.TotalSeconds * Stopwatch.Frequency);
            iterations.Launch((int)(invocation % int.MaxValue), invocation, intendedStart);
            next += TimeSpan.FromSeconds(1 / perSecond);
        }
    }

    private static async Task DelayUntilAsync(long origin, TimeSpan at, CancellationToken stop)
    {
        var ahead = at - Stopwatch.GetElapsedTime(origin);
        if (ahead > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(ahead, stop);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
