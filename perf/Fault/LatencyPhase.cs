namespace Mooc.Perf.Fault;

/// <summary>The successful requests of one phase of a fault test (before, during or after the fault): how many and how fast, exactly.</summary>
public sealed record LatencyPhase(string Name, TimeSpan From, TimeSpan To, long Ok, long Failed, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencyPhase Of(string name, TimeSpan from, TimeSpan to, IEnumerable<TimedRequest> requests)
    {
        var all = requests.ToList();
        var latencies = all.Where(r => !r.Response.IsError).Select(r => r.LatencyMs).Order().ToArray();
        return new LatencyPhase(name, from, to, latencies.Length, all.Count - latencies.Length,
            Percentile(latencies, 50), Percentile(latencies, 95), Percentile(latencies, 99), latencies.Length == 0 ? 0 : latencies[^1]);
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 when there are none.</summary>
    private static double Percentile(double[] sorted, double percentile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
