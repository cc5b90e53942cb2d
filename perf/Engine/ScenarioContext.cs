using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>
/// The engine's side of a scenario iteration: where steps record, when they think and stop.
/// A closed-model virtual user keeps one context and restarts it with <see cref="Begin"/> for
/// each iteration, so the load generator allocates nothing of its own per iteration.
/// </summary>
internal sealed class ScenarioContext(
    string scenarioName,
    int virtualUserId,
    RunMeasurements measurements,
    ThinkTime thinkTime,
    CancellationToken stop,
    CancellationToken abort) : IScenarioContext
{
    private Dictionary<string, object>? _data;
    private bool _thinkBeforeNextStep;
    private long? _intendedStart;

    public string ScenarioName => scenarioName;

    public int VirtualUserId => virtualUserId;

    public long InvocationNumber { get; private set; }

    // Most scenarios never use it; allocating it per iteration would cost the load generator.
    public IDictionary<string, object> Data => _data ??= [];

    public Random Random => Random.Shared;

    public CancellationToken CancellationToken => abort;

    public RunMeasurements Measurements => measurements;

    /// <summary>When the iteration was meant to start: the open model's arrival time, so queueing shows in the first step.</summary>
    public long IterationStart { get; private set; }

    /// <summary>Starts an iteration: a new invocation number, no data from the previous one.</summary>
    public void Begin(long invocationNumber, bool thinkBeforeFirstStep, long? intendedStartTimestamp)
    {
        InvocationNumber = invocationNumber;
        _data?.Clear();
        _thinkBeforeNextStep = thinkBeforeFirstStep;
        _intendedStart = intendedStartTimestamp;
        IterationStart = intendedStartTimestamp ?? Stopwatch.GetTimestamp();
    }

    /// <summary>Waits the think time if one is due, then gives the timestamp the step's latency counts from.</summary>
    public ValueTask<long> BeforeStepAsync()
    {
        if (stop.IsCancellationRequested)
        {
            throw new ScenarioStoppedException();
        }
        var pause = _thinkBeforeNextStep ? thinkTime.Draw() : null;
        _thinkBeforeNextStep = true;
        // Without think time the step starts now: no async state machine on the hot path.
        return pause > TimeSpan.Zero ? ThinkThenStartAsync(pause.Value) : new ValueTask<long>(StepStart());
    }

    private async ValueTask<long> ThinkThenStartAsync(TimeSpan pause)
    {
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
            throw new ScenarioStoppedException();
        }
        return StepStart();
    }

    private long StepStart()
    {
        var start = _intendedStart ?? Stopwatch.GetTimestamp();
        _intendedStart = null;
        return start;
    }
}
