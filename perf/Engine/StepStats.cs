namespace Mooc.Perf.Engine;

/// <summary>
/// Everything measured for one step (or, named TOTAL, for all steps) after warm-up.
/// <see cref="Latency"/> is of the successful requests only, the figure thresholds judge: a
/// connection refused in a millisecond or a timeout after a minute says nothing about how fast
/// the platform serves learners. <see cref="FailedLatency"/> keeps the failed requests' apart.
/// </summary>
public sealed record StepStats(
    string Name,
    long Requests,
    long Ok,
    long Failed,
    IReadOnlyDictionary<int, long> StatusCodes,
    IReadOnlyDictionary<FailureKind, long> FailuresByKind,
    IReadOnlyDictionary<string, long> FailureMessages,
    long BytesReceived,
    long BytesSent,
    LatencyStats Latency,
    LatencyStats FailedLatency,
    double Rps,
    IReadOnlyList<IntervalSample> Intervals)
{
    public const string TotalName = "TOTAL";

    /// <summary>Failed requests as a fraction of all, 0 to 1.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Failed / Requests;
}
