using Mooc.Perf.Engine;

namespace Mooc.Perf.Fault;

/// <summary>A kind of failure during the recovery window, at one step: how many, and one message as an example.</summary>
public sealed record FailureGroup(FailureKind Kind, string Step, int Count, string Example);

/// <summary>
/// What a fault did, all times from the fault: the first failed request, the service ready again (the
/// replica that replaced the faulted one ready), the error rate back to its level before the fault (the
/// end of the last 1-second interval above it), the failures from the fault to the recovery by kind,
/// and the latency of the successful requests before, during and after that window.
/// </summary>
public sealed record RecoveryFigures(
    double BaselineErrorRate,
    TimeSpan? FirstFailure,
    TimeSpan? ReadyAgain,
    TimeSpan? ErrorsBack,
    TimeSpan WindowEnd,
    IReadOnlyList<FailureGroup> FailedInWindow,
    IReadOnlyList<LatencyPhase> Phases)
{
    private static readonly TimeSpan Bucket = TimeSpan.FromSeconds(1);

    /// <summary>The later of ready again and errors back; null when either did not happen within the run.</summary>
    public TimeSpan? Recovery => ReadyAgain is { } ready && ErrorsBack is { } back ? (ready > back ? ready : back) : null;

    public int FailedRequests => FailedInWindow.Sum(g => g.Count);

    public static RecoveryFigures From(FaultTimeline timeline)
    {
        var fault = timeline.Fault;
        var before = timeline.Between(timeline.MeasureFrom, fault).ToList();
        var baseline = before.Count == 0 ? 0 : before.Count(r => r.Response.IsError) / (double)before.Count;
        var firstFailure = timeline.Requests.FirstOrDefault(r => r.End >= fault && r.Response.IsError)?.End - fault;
        var readyAgain = timeline.Readiness.FirstOrDefault(s => s.At >= fault && s.Readiness.Whole)?.At - fault;
        var errorsBack = WhenErrorsBack(timeline, baseline);
        var windowEnd = fault + Max(readyAgain ?? timeline.LoadEnd - fault, errorsBack ?? timeline.LoadEnd - fault);
        var failed = timeline.Requests
            .Where(r => r.Response.IsError && r.End >= fault && r.End <= windowEnd)
            .GroupBy(r => (r.Response.Kind ?? FailureKind.Exception, r.Step))
            .Select(g => new FailureGroup(g.Key.Item1, g.Key.Step, g.Count(), g.First().Response.Message is { Length: > 0 } m ? m : $"status {g.First().Response.StatusCode}"))
            .OrderByDescending(g => g.Count)
            .ToList();
        LatencyPhase[] phases =
        [
            LatencyPhase.Of("before", timeline.MeasureFrom, fault, before),
            LatencyPhase.Of("during", fault, windowEnd, timeline.Between(fault, windowEnd)),
            LatencyPhase.Of("after", windowEnd, timeline.LoadEnd, timeline.Between(windowEnd, timeline.LoadEnd)),
        ];
        return new RecoveryFigures(baseline, firstFailure, readyAgain, errorsBack, windowEnd, failed, phases);
    }

    /// <summary>
    /// The end of the last 1-second interval after the fault whose error rate was above the baseline; zero
    /// when none was; null when the last interval of the run still was (not back within the run).
    /// </summary>
    private static TimeSpan? WhenErrorsBack(FaultTimeline timeline, double baseline)
    {
        var buckets = (int)Math.Ceiling((timeline.LoadEnd - timeline.Fault) / Bucket);
        var lastAbove = -1;
        for (var i = 0; i < buckets; i++)
        {
            var from = timeline.Fault + i * Bucket;
            var inBucket = timeline.Between(from, from + Bucket).ToList();
            var failed = inBucket.Count(r => r.Response.IsError);
            if (failed > 0 && failed / (double)inBucket.Count > baseline) lastAbove = i;
        }
        return lastAbove == buckets - 1 ? null : (lastAbove + 1) * Bucket;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
