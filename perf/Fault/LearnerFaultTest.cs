using System.Collections.Concurrent;
using System.Diagnostics;
using Mooc.Perf.Engine;
using Mooc.Perf.Learner;
using Mooc.Perf.OpenEdx;

namespace Mooc.Perf.Fault;

/// <summary>
/// The fault test: the learner scenario at a steady rate; at the fault time, with the service whole, the
/// target injects its fault; the service's readiness is read throughout; afterwards every write the platform
/// acknowledged is looked for in its database. Judged by the options' limits, reported next to the load tests.
/// </summary>
public static class LearnerFaultTest
{
    public static async Task<FaultTestOutcome> RunAsync(FaultTestOptions options, IFaultTarget target, CancellationToken ct)
    {
        options.Validate();
        var before = await target.ReadinessAsync(ct);
        if (!before.Whole)
            throw new InvalidOperationException($"{target.Description}: {before} before the load started; a fault test needs the service whole first (deploy it, or wait until it is ready)");

        var journal = new WriteJournal();
        var records = new ConcurrentQueue<RequestRecord>();
        using var transport = LearnerClient.CreateTransport();
        var scenario = LearnerScenario.Create(options.BaseUrl, transport, options.RequestTimeout, options.TestRun, journal)
            .WithLoadSimulations(Simulation.Inject(options.Rate, TimeSpan.FromSeconds(1), options.WarmUp + options.Duration))
            .WithWarmUpDuration(options.WarmUp)
            .WithThinkTime(options.ThinkTimeMin, options.ThinkTimeMax)
            .WithDrainTimeout(options.RequestTimeout)
            .WithRequestObserver(records.Enqueue);

        var origin = Stopwatch.GetTimestamp();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var loadEnded = new CancellationTokenSource();
        var watcher = new FaultWatcher(target, origin, options, loadEnded.Token);
        var watch = watcher.RunAsync(abort);
        LoadResult load;
        try
        {
            load = await LoadRunner.RunAsync(scenario, abort.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await watch; // the watcher cancelled the load: its exception says why
            throw;
        }
        var loadEnd = FaultTimeline.Since(origin, Stopwatch.GetTimestamp());
        await loadEnded.CancelAsync();
        var (fault, description, readiness) = await watch;

        var timeline = new FaultTimeline(FaultTimeline.OnClock(records, origin), readiness, options.WarmUp, loadEnd, fault, description);
        var figures = RecoveryFigures.From(timeline);
        var acknowledged = journal.Writes;
        var writes = WriteCheck.Of(acknowledged, await FindAsync(target, acknowledged, options.MaxRecovery, ct));
        var outcome = new FaultTestOutcome(timeline, figures, writes, load, Judge(options, figures, writes, load), options.ResultsDirectory);
        await FaultReport.WriteAsync(outcome, options, target.Description, ct);
        if (options.WriteToConsole)
        {
            Console.WriteLine(FaultReport.Markdown(outcome, options, target.Description));
            Console.WriteLine(outcome.Summary);
            Console.WriteLine($"reports: {Path.GetFullPath(options.ResultsDirectory)}");
        }
        return outcome;
    }

    /// <summary>The database may itself be the faulted service, or still reconnecting: the count is retried for up to <paramref name="patience"/>.</summary>
    private static async Task<IReadOnlyCollection<AcknowledgedWrite>> FindAsync(IFaultTarget target, IReadOnlyCollection<AcknowledgedWrite> acknowledged,
        TimeSpan patience, CancellationToken ct)
    {
        var giveUp = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                return await target.FindAsync(acknowledged, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException && Stopwatch.GetTimestamp() < giveUp)
            {
                Console.WriteLine($"counting the acknowledged writes failed, retrying: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    private static IReadOnlyList<string> Judge(FaultTestOptions options, RecoveryFigures figures, WriteCheck writes, LoadResult load)
    {
        var breaches = new List<string>();
        if (figures.Recovery is not { } recovery)
            breaches.Add($"max-recovery {options.MaxRecovery.TotalSeconds:0.#} s: not recovered within the run (ready again {FaultTestOutcome.Seconds(figures.ReadyAgain, "never")}, error rate back {FaultTestOutcome.Seconds(figures.ErrorsBack, "never")})");
        else if (recovery > options.MaxRecovery)
            breaches.Add($"max-recovery {options.MaxRecovery.TotalSeconds:0.#} s: recovered after {recovery.TotalSeconds:0.0} s");
        if (figures.FailedRequests > options.MaxFailedRequests)
            breaches.Add($"max-failed-requests {options.MaxFailedRequests}: {figures.FailedRequests} requests failed from the fault to the recovery");
        if (!writes.NothingLost)
            breaches.Add($"{writes.Missing.Count} acknowledged write(s) missing from the database, e.g. {writes.Missing[0]}");
        if (load.Total.Requests == 0)
            breaches.Add("no request was measured");
        return breaches;
    }
}
