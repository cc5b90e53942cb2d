namespace Mooc.Perf.Engine;

/// <summary>Thrown by <see cref="Step.Run"/> after a failed step, so the iteration ends there: later steps depend on it.</summary>
public sealed class StepFailedException(string step, Response response)
    : Exception($"step '{step}' failed: {response.Kind} {response.StatusCode} {response.Message}")
{
    public string Step { get; } = step;

    public Response Response { get; } = response;
}
