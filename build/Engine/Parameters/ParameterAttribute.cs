namespace Mooc.Build;

/// <summary>
/// A build input: set from <c>--kebab-case</c> on the command line, an UPPER_SNAKE_CASE
/// environment variable, or .nuke/parameters[.profile].json, the command line winning.
/// The member's initial value is the default.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description = "") : Attribute
{
    public string Description { get; } = description;

    /// <summary>Overrides the name derived from the member (e.g. "cluster" for --cluster).</summary>
    public string? Name { get; init; }
}

/// <summary>The parameter's value is masked in every line the build writes, child processes' output included.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
