using Mooc.Build;

namespace Mooc.Platform.Loading;

/// <summary>One problem in a platform or recipe file, located precisely enough to fix without searching.</summary>
/// <param name="Field">Path of the field, e.g. services[lms].ports[0].containerPort.</param>
public sealed record PlatformError(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>Thrown by <see cref="PlatformLoader"/> with every problem found in the file, not only the first; a mistake in the input (exit code 2).</summary>
public sealed class PlatformValidationException(string file, IReadOnlyList<PlatformError> errors)
    : BuildException(FormatMessage(file, errors))
{
    public string File { get; } = file;
    public IReadOnlyList<PlatformError> Errors { get; } = errors;

    static string FormatMessage(string file, IReadOnlyList<PlatformError> errors) =>
        $"Platform file '{file}' has {errors.Count} error(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
