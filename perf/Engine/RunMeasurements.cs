using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>The measurements of one run: a recorder per step plus TOTAL, warm-up excluded, and iteration counts.</summary>
internal sealed class RunMeasurements(long measureFromTimestamp, TimeSpan interval, FailureLimit failureLimit, Action<RequestRecord>? observer = null)
{
    private readonly ConcurrentDictionary<string, StepRecorder> _steps = new();
    private readonly List<string> _order = [];
    private readonly StepRecorder _total = new(StepStats.TotalName, interval);
    private readonly long _intervalTicks = Math.Max(1, (long)(interval.TotalSeconds * Stopwatch.Frequency));
    private long _iterationsOk;
    private long _iterationsFailed;

    public long MeasureFromTimestamp => measureFromTimestamp;

    public bool IsMeasured(long startTimestamp) => startTimestamp >= measureFromTimestamp;

    public void Record(string step, long startTimestamp, long endTimestamp, Response response)
    {
        // Look the recorder up even during warm-up: steps are reported in the order they first ran.
        var recorder = RecorderFor(step);
        if (response.IsError)
        {
            failureLimit.CountFailure();
        }
        observer?.Invoke(new RequestRecord(step, startTimestamp, endTimestamp, response));
        if (!IsMeasured(startTimestamp))
        {
            return;
        }
        var latencyMicroseconds = (endTimestamp - startTimestamp) * 1_000_000 / Stopwatch.Frequency;
        var index = (int)((endTimestamp - measureFromTimestamp) / _intervalTicks);
        recorder.Record(index, latencyMicroseconds, response);
        _total.Record(index, latencyMicroseconds, response);
    }

    public void CountIteration(long startTimestamp, bool ok)
    {
        if (IsMeasured(startTimestamp))
        {
            Interlocked.Increment(ref ok ? ref _iterationsOk : ref _iterationsFailed);
        }
    }

    public (IReadOnlyList<StepStats> Steps, StepStats Total, long IterationsOk, long IterationsFailed) Snapshot(TimeSpan measured)
    {
        string[] order;
        lock (_order)
        {
            order = _order.ToArray();
        }
        return (order.Select(name => _steps[name].Snapshot(measured)).ToArray(), _total.Snapshot(measured),
            Interlocked.Read(ref _iterationsOk), Interlocked.Read(ref _iterationsFailed));
    }

    private StepRecorder RecorderFor(string step)
    {
        if (_steps.TryGetValue(step, out var recorder))
        {
            return recorder;
        }
        lock (_order)
        {
            if (!_steps.TryGetValue(step, out recorder))
            {
                recorder = new StepRecorder(step, interval);
                _steps[step] = recorder;
                _order.Add(step);
            }
            return recorder;
        }
    }
}
