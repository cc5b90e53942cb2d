namespace Mooc.Perf.Engine;

/// <summary>What a scenario iteration sees: who it is, its data between steps, and when to stop.</summary>
public interface IScenarioContext
{
    string ScenarioName { get; }

    /// <summary>The virtual user (closed model) or arrival slot (open model), from 0.</summary>
    int VirtualUserId { get; }

    /// <summary>Unique per iteration across the run, from 0.</summary>
    long InvocationNumber { get; }

    /// <summary>Data carried between the steps of this iteration.</summary>
    IDictionary<string, object> Data { get; }

    Random Random { get; }

    /// <summary>Cancelled when the run is cancelled or in-flight work must stop.</summary>
    CancellationToken CancellationToken { get; }
}
