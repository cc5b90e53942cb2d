namespace Mooc.Platform.Model;

/// <summary>
/// A check run against the public entry after migrations. <see cref="SmokeCheckKind.Http"/>: GET Path answers
/// ExpectedStatus (and contains ExpectedText when set). <see cref="SmokeCheckKind.LearnerLogin"/>: register a fresh
/// learner and log in with it.
/// </summary>
public sealed record SmokeCheck(string Name, SmokeCheckKind Kind, string? Path, int ExpectedStatus, string? ExpectedText);

public enum SmokeCheckKind
{
    Http,
    LearnerLogin,
}
