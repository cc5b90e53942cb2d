namespace Mooc.Build;

/// <summary>What one look of a <see cref="Wait"/> found: done (with its result), or not yet and in which state.</summary>
public readonly record struct Seen<T>(bool IsDone, T? Value, string State)
{
    public static implicit operator Seen<T>(Seen.NotYetState notYet) => new(false, default, notYet.State);
}

public static class Seen
{
    public static Seen<T> Done<T>(T value, string state = "done") => new(true, value, state);

    /// <summary>Not done; <paramref name="state"/> says what was seen, for progress lines and the timeout message.</summary>
    public static NotYetState NotYet(string state) => new(state);

    public readonly record struct NotYetState(string State);
}
