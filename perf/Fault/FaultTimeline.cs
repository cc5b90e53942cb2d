using System.Diagnostics;
using Mooc.Perf.Engine;

namespace Mooc.Perf.Fault;

/// <summary>A request of the run on the fault test's clock: when it ended, how long it took, and its outcome.</summary>
public sealed record TimedRequest(string Step, TimeSpan End, double LatencyMs, Response Response);

/// <summary>The service's readiness read at <see cref="At"/>.</summary>
public sealed record ReadinessSample(TimeSpan At, ServiceReadiness Readiness);

/// <summary>
/// Everything the fault test saw, on one clock from the start of the load: every request, the service's
/// readiness, when the measured time began and ended, and when the fault came (null: never injected).
/// </summary>
public sealed record FaultTimeline(
    IReadOnlyList<TimedRequest> Requests,
    IReadOnlyList<ReadinessSample> Readiness,
    TimeSpan MeasureFrom,
    TimeSpan LoadEnd,
    TimeSpan Fault,
    string FaultDescription)
{
    public static IReadOnlyList<TimedRequest> OnClock(IEnumerable<RequestRecord> records, long origin) =>
        records.Select(r => new TimedRequest(r.Step, Since(origin, r.EndTimestamp), (r.EndTimestamp - r.StartTimestamp) * 1000.0 / Stopwatch.Frequency, r.Response))
            .OrderBy(r => r.End)
            .ToList();

    public static TimeSpan Since(long origin, long timestamp) => TimeSpan.FromSeconds((timestamp - origin) / (double)Stopwatch.Frequency);

    /// <summary>The measured requests that ended in [from, to).</summary>
    public IEnumerable<TimedRequest> Between(TimeSpan from, TimeSpan to) =>
        Requests.Where(r => r.End >= from && r.End < to && r.End >= MeasureFrom);
}
