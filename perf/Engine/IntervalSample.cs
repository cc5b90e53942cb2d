namespace Mooc.Perf.Engine;

/// <summary>One reporting interval of one step (or of all steps): counts, bytes and the latency of its successful requests in milliseconds.</summary>
public sealed record IntervalSample(
    int Index,
    TimeSpan Start,
    long Requests,
    long Ok,
    long Failed,
    long BytesReceived,
    long BytesSent,
    double MeanMs,
    double P50Ms,
    double P75Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs);
