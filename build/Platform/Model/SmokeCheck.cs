namespace Mooc.Platform.Model;

/// <summary>
/// A check run against the public entry after migrations. <see cref="SmokeCheckKind.Http"/>: GET Path answers
/// ExpectedStatus (and contains ExpectedText when set). <see cref="SmokeCheckKind.LearnerLogin"/>: register a fresh
/// learner and log in with it. <see cref="SmokeCheckKind.InlineDiscussion"/>: a fresh learner enrolls in the course of
/// Path (a unit's inline discussion view) and GETs it: 200 with the view's JSON, at least one thread (and ExpectedText).
/// </summary>
public sealed record SmokeCheck(string Name, SmokeCheckKind Kind, string? Path, int ExpectedStatus, string? ExpectedText);

public enum SmokeCheckKind
{
    Http,
    LearnerLogin,
    InlineDiscussion,
}
