using System.Diagnostics;

namespace Mooc.Perf.Fault;

/// <summary>
/// The fault test's side of the run: reads the service's readiness on a short poll, injects the fault at its
/// time (only if the service is whole then), and keeps reading until the load ends and the service is whole
/// again, or the longest recovery allowed has passed. A failure cancels the load and is thrown.
/// </summary>
internal sealed class FaultWatcher(IFaultTarget target, long origin, FaultTestOptions options, CancellationToken loadEnded)
{
    private readonly List<ReadinessSample> _samples = [];

    public async Task<(TimeSpan Fault, string Description, IReadOnlyList<ReadinessSample> Readiness)> RunAsync(CancellationTokenSource load)
    {
        var ct = load.Token;
        try
        {
            var faultAt = options.WarmUp + options.FaultOffset;
            while (Now() < faultAt)
            {
                await SampleAsync(ct);
                var left = faultAt - Now();
                if (left > TimeSpan.Zero) await Task.Delay(left < options.ReadinessPoll ? left : options.ReadinessPoll, ct);
            }
            var whole = await SampleAsync(ct);
            if (!whole.Whole)
                throw new InvalidOperationException($"{target.Description}: {whole} when the fault was due; it was not injected into a service that was not whole");
            var fault = Now();
            var description = await target.InjectAsync(ct);
            // Past the load's end, readiness is watched up to twice --max-recovery after the fault: a recovery that
            // comes too late is still measured and reported (it fails the threshold with its figure), not cut off.
            var giveUp = fault + options.MaxRecovery + options.MaxRecovery;
            while (!loadEnded.IsCancellationRequested || !_samples[^1].Readiness.Whole && Now() < giveUp)
            {
                await Task.Delay(options.ReadinessPoll, ct);
                await SampleAsync(ct);
            }
            return (fault, description, _samples);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await load.CancelAsync();
            throw;
        }
    }

    private async Task<ServiceReadiness> SampleAsync(CancellationToken ct)
    {
        var readiness = await target.ReadinessAsync(ct);
        _samples.Add(new ReadinessSample(Now(), readiness));
        return readiness;
    }

    private TimeSpan Now() => FaultTimeline.Since(origin, Stopwatch.GetTimestamp());
}
