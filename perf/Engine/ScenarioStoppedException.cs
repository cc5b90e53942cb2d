namespace Mooc.Perf.Engine;

/// <summary>Ends an iteration because the load phase is over; the step it interrupts is not recorded.</summary>
internal sealed class ScenarioStoppedException() : OperationCanceledException("the load phase is over");
