namespace Mooc.Smoke;

/// <summary>How one smoke check ended: passed or not, after how many attempts, and what the last attempt saw.</summary>
public sealed record SmokeResult(string Name, string What, bool Passed, int Attempts, TimeSpan Duration, string Detail);

public sealed class SmokeTestFailedException(IReadOnlyList<SmokeResult> results)
    : Exception($"Smoke tests failed: {string.Join("; ", results.Where(r => !r.Passed).Select(r => $"{r.Name}: {r.Detail}"))}")
{
    public IReadOnlyList<SmokeResult> Results => results;
}
