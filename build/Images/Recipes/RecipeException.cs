using Mooc.Build;
using Mooc.Platform.Loading;

namespace Mooc.Images.Recipes;

/// <summary>Recipes that cannot be used: every problem found, each with file, line, column, field and what to do; a mistake in the input (exit code 2).</summary>
public sealed class RecipeException(IReadOnlyList<PlatformError> errors)
    : BuildException($"Image recipes have {errors.Count} error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<PlatformError> Errors { get; } = errors;

    /// <summary>The first error's parts, for the common case of one.</summary>
    public string File => Errors[0].File;
    public int Line => Errors[0].Line;
    public string Field => Errors[0].Field;
}
