namespace Mooc.Perf.Engine;

/// <summary>
/// NBomber's ScenarioMaxFailCount: once more requests than the maximum have failed (warm-up
/// included), the load stops, so a run against a platform that is down ends at once and says why
/// instead of hammering it for the whole duration.
/// </summary>
internal sealed class FailureLimit(long? maxFailCount, CancellationTokenSource stop)
{
    private long _failures;
    private int _tripped;

    /// <summary>Why the run stopped early; null while it has not.</summary>
    public string? Reason { get; private set; }

    public void CountFailure()
    {
        if (maxFailCount is not { } max)
        {
            return;
        }
        var failures = Interlocked.Increment(ref _failures);
        if (failures > max && Interlocked.Exchange(ref _tripped, 1) == 0)
        {
            Reason = $"stopped early: {failures} requests failed, more than the maximum of {max} (max fail count, warm-up included)";
            stop.Cancel();
        }
    }
}
