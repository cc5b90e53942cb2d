using Mooc.Perf.Engine;

namespace Mooc.Perf.Fault;

/// <summary>What a fault test measured, the limits it breached (empty: passed) and where its reports are.</summary>
public sealed record FaultTestOutcome(
    FaultTimeline Timeline,
    RecoveryFigures Figures,
    WriteCheck Writes,
    LoadResult Load,
    IReadOnlyList<string> Breaches,
    string ReportDirectory)
{
    public bool Passed => Breaches.Count == 0;

    /// <summary>One line for a build log: the verdict with the figures, or each breach with its value.</summary>
    public string Summary => (Passed ? "fault test passed: " : "fault test failed: " + string.Join("; ", Breaches) + ". Figures: ")
        + $"first failed request {Seconds(Figures.FirstFailure, "none")}, ready again {Seconds(Figures.ReadyAgain, "not within the run")}, "
        + $"error rate back {Seconds(Figures.ErrorsBack, "not within the run")} after the fault; {Figures.FailedRequests} failed requests in the window; "
        + string.Join(", ", Writes.Counts.Select(c => $"{c.Found} of {c.Acknowledged} acknowledged {FaultReport.KindName(c.Kind)}s found"));

    public static string Seconds(TimeSpan? time, string none) => time is { } t ? $"{t.TotalSeconds:0.0} s" : none;
}
