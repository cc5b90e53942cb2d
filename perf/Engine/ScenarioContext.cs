using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>The engine's side of a scenario iteration: where steps record, when they think and stop.</summary>
internal sealed class ScenarioContext(
    string scenarioName,
    int virtualUserId,
    long invocationNumber,
    RunMeasurements measurements,
    ThinkTime thinkTime,
    bool thinkBeforeFirstStep,
    long? intendedStartTimestamp,
    CancellationToken stop,
    CancellationToken abort) : IScenarioContext
{
    private bool _thinkBeforeNextStep = thinkBeforeFirstStep;
    private long? _intendedStart = intendedStartTimestamp;

    public string ScenarioName => scenarioName;

    public int VirtualUserId => virtualUserId;

    public long InvocationNumber => invocationNumber;

    // Most scenarios never use it; allocating it per iteration would cost the load generator.
    public IDictionary<string, object> Data => field ??= new Dictionary<string, object>();

    public Random Random => Random.Shared;

    public CancellationToken CancellationToken => abort;

    public RunMeasurements Measurements => measurements;

    /// <summary>When the iteration was meant to start: the open model's arrival time, so queueing shows in the first step.</summary>
    public long IterationStart { get; } = intendedStartTimestamp ?? Stopwatch.GetTimestamp();

    /// <summary>Waits the think time if one is due, then gives the timestamp the step's latency counts from.</summary>
    public async ValueTask<long> BeforeStepAsync()
    {
        if (stop.IsCancellationRequested)
        {
            throw new ScenarioStoppedException();
        }
        if (_thinkBeforeNextStep && thinkTime.Draw() is { } pause && pause > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                throw new ScenarioStoppedException();
            }
        }
        _thinkBeforeNextStep = true;
        var start = _intendedStart ?? Stopwatch.GetTimestamp();
        _intendedStart = null;
        return start;
    }
}
