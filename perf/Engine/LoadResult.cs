namespace Mooc.Perf.Engine;

/// <summary>
/// What a run measured after warm-up: per step, in total, and the iterations of the scenario;
/// <see cref="StoppedEarly"/> says why the load stopped before its end (the max fail count), if it did.
/// </summary>
public sealed record LoadResult(
    string ScenarioName,
    string LoadModel,
    DateTimeOffset StartedAt,
    TimeSpan WarmUp,
    TimeSpan MeasuredDuration,
    TimeSpan ReportingInterval,
    IReadOnlyList<StepStats> Steps,
    StepStats Total,
    long IterationsOk,
    long IterationsFailed,
    string? StoppedEarly = null)
{
    /// <summary>The step of that name, or TOTAL.</summary>
    public StepStats this[string step] =>
        step == StepStats.TotalName ? Total
        : Steps.FirstOrDefault(s => s.Name == step)
          ?? throw new KeyNotFoundException($"no step '{step}' was measured; measured: {string.Join(", ", Steps.Select(s => s.Name))}");
}
