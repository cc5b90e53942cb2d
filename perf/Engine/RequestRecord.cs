namespace Mooc.Perf.Engine;

/// <summary>One request as it happened, warm-up included: its step, when it started and ended (<see cref="System.Diagnostics.Stopwatch"/> timestamps) and its outcome.</summary>
public sealed record RequestRecord(string Step, long StartTimestamp, long EndTimestamp, Response Response);
