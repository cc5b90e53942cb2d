using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>Closed model: virtual users that each run iterations back to back; their number follows the timeline.</summary>
internal sealed class ClosedModel(LoadTimeline timeline, IterationRunner iterations)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly List<(Task Task, CancellationTokenSource Stop)> _active = [];
    private readonly List<Task> _retired = [];

    public async Task RunAsync(long origin, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var elapsed = Stopwatch.GetElapsedTime(origin);
                if (timeline.Duration is { } duration && elapsed >= duration)
                {
                    return;
                }
                if (timeline.IterationLimit is not null && iterations.LimitReached && _active.All(a => a.Task.IsCompleted))
                {
                    return;
                }
                Resize(timeline.CopiesAt(elapsed), stop);
                var wait = timeline.Duration is { } d ? Min(Tick, d - elapsed) : Tick;
                // Yielding: when the max fail count cancels the load, that thread must stop the users first, not run this loop's end.
                await Task.Delay(wait, stop).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }
        }
        finally
        {
            foreach (var (_, userStop) in _active)
            {
                await userStop.CancelAsync();
            }
            await Task.WhenAll(_active.Select(a => a.Task).Concat(_retired));
            foreach (var (_, userStop) in _active)
            {
                userStop.Dispose();
            }
        }
    }

    private void Resize(int copies, CancellationToken stop)
    {
        while (_active.Count < copies)
        {
            var userStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var id = _active.Count;
            _active.Add((Task.Run(() => iterations.RunUserAsync(id, userStop.Token), CancellationToken.None), userStop));
        }
        while (_active.Count > copies)
        {
            var (task, userStop) = _active[^1];
            _active.RemoveAt(_active.Count - 1);
            userStop.Cancel();
            _retired.Add(task.ContinueWith(_ => userStop.Dispose(), TaskScheduler.Default));
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
