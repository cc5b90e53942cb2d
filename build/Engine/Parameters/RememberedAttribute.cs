namespace Mooc.Build;

/// <summary>
/// The parameter belongs to what the <see cref="SettingsKeyAttribute"/> parameter names (a deployment): a target
/// that declares <c>.SavesSettings()</c> saves its value there when it succeeds, and every later run naming the
/// same key uses it unless the command line or the environment gives it again. Never on a [Secret].
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RememberedAttribute : Attribute;

/// <summary>
/// This parameter's value names the settings the [Remembered] parameters are saved under (e.g. --deployment);
/// when it has no value, the value of <see cref="Fallback"/> (a member name) does. One per build.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SettingsKeyAttribute : Attribute
{
    public string? Fallback { get; init; }
}
