namespace Mooc.Platform.Cluster.Preflight;

public enum CheckResult
{
    Passed,
    Warned,
    Failed,
}

/// <summary>One thing a deploy needs from its cluster, what was found, and what to do when it is not there.</summary>
/// <param name="Fix">What the user does about a warning or a failure; null when there is nothing to do.</param>
public sealed record PreflightCheck(string Name, CheckResult Result, string Detail, string? Fix = null)
{
    public static PreflightCheck Passed(string name, string detail) => new(name, CheckResult.Passed, detail);
    public static PreflightCheck Warned(string name, string detail, string fix) => new(name, CheckResult.Warned, detail, fix);
    public static PreflightCheck Failed(string name, string detail, string fix) => new(name, CheckResult.Failed, detail, fix);
}
