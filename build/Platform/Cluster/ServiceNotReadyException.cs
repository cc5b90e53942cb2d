namespace Mooc.Platform.Cluster;

/// <summary>Services did not become ready; carries the diagnosis of every replica that was not.</summary>
public sealed class ServiceNotReadyException(string summary, IReadOnlyList<ServiceDiagnosis> diagnoses)
    : Exception(summary + "\n" + string.Join("\n", diagnoses.Select(d => d.Describe())))
{
    /// <summary>What did not become ready, without the diagnoses.</summary>
    public string Summary => summary;

    public IReadOnlyList<ServiceDiagnosis> Diagnoses => diagnoses;
}
