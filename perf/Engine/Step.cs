using System.Diagnostics;

namespace Mooc.Perf.Engine;

/// <summary>Runs and measures one named step of a scenario iteration.</summary>
public static class Step
{
    /// <summary>
    /// Runs <paramref name="run"/> after the think time, records its latency, status, sizes and
    /// failure kind under <paramref name="name"/>, and returns its response. Exceptions become
    /// failed responses (timeout, connection refused, ...). A failed step ends the iteration by
    /// throwing <see cref="StepFailedException"/>: the steps after it depend on it.
    /// </summary>
    public static async Task<Response> Run(string name, IScenarioContext context, Func<Task<Response>> run)
    {
        var ctx = context as ScenarioContext
            ?? throw new ArgumentException("Step.Run needs the context the engine passed to the scenario", nameof(context));
        var start = await ctx.BeforeStepAsync();
        Response response;
        try
        {
            response = await run();
        }
        catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            response = FailureClassifier.ToResponse(exception);
        }
        ctx.Measurements.Record(name, start, Stopwatch.GetTimestamp(), response);
        return response.IsError ? throw new StepFailedException(name, response) : response;
    }
}
