using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mooc.Build;

/// <summary>
/// A check declared beside a [Parameter], as <c>[AtLeast(1)]</c> or <c>[DnsLabel]</c>: the engine applies it to
/// the value from every source (command line, environment, parameters files) before the first target runs.
/// A list parameter's rule applies to each item.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public abstract class ParameterRuleAttribute : Attribute
{
    /// <summary>What is allowed, as the error and --help say it, e.g. "1 to 65535".</summary>
    public abstract string Allowed { get; }

    public abstract bool Allows(object value);

    /// <summary>What to write instead, when the rule can tell (a normalised name).</summary>
    public virtual string? Hint(object value) => null;

    /// <summary>The same rule for editors, in .nuke/build.schema.json (minimum, maximum, pattern); <paramref name="valueType"/> is the item's type.</summary>
    public virtual void WriteSchema(Utf8JsonWriter json, Type valueType) { }

    protected static bool IsNumber(Type type) => type == typeof(int) || type == typeof(double);

    protected static double? Number(object value) => value switch
    {
        int i => i,
        double d => d,
        TimeSpan span => span.TotalMilliseconds,
        _ => null,
    };
}

/// <summary>A number (or a duration in milliseconds) no smaller than the minimum.</summary>
public sealed class AtLeastAttribute(double minimum) : ParameterRuleAttribute
{
    public override string Allowed => $"at least {minimum.ToString(CultureInfo.InvariantCulture)}";
    public override bool Allows(object value) => Number(value) is not { } n || n >= minimum;
    public override void WriteSchema(Utf8JsonWriter json, Type valueType)
    {
        if (IsNumber(valueType)) json.WriteNumber("minimum", minimum);
    }
}

/// <summary>A number within both bounds, bounds included.</summary>
public sealed class BetweenAttribute(double minimum, double maximum) : ParameterRuleAttribute
{
    public override string Allowed => $"{minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}";
    public override bool Allows(object value) => Number(value) is not { } n || (n >= minimum && n <= maximum);

    public override void WriteSchema(Utf8JsonWriter json, Type valueType)
    {
        if (!IsNumber(valueType)) return;
        json.WriteNumber("minimum", minimum);
        json.WriteNumber("maximum", maximum);
    }
}

/// <summary>A number or a duration above zero: a rate, a timeout.</summary>
public sealed class AboveZeroAttribute : ParameterRuleAttribute
{
    public override string Allowed => "above 0";
    public override bool Allows(object value) => Number(value) is not { } n || n > 0;

    public override void WriteSchema(Utf8JsonWriter json, Type valueType)
    {
        if (IsNumber(valueType)) json.WriteNumber("exclusiveMinimum", 0);
    }
}

/// <summary>A DNS label (RFC 1035), as Kubernetes names and Docker networks of a deployment need.</summary>
public sealed class DnsLabelAttribute : ParameterRuleAttribute
{
    public override string Allowed => DnsNames.LabelRule;
    public override bool Allows(object value) => value is not string s || DnsNames.IsLabel(s);
    public override string? Hint(object value) => value is string s && DnsNames.Normalise(s) is { Length: > 0 } label ? $"use '{label}'" : null;
    public override void WriteSchema(Utf8JsonWriter json, Type valueType) => json.WriteString("pattern", DnsNames.LabelPattern);
}

/// <summary>A host name (RFC 1123), with an optional :PORT when <see cref="WithPort"/> (a registry).</summary>
public sealed class HostNameAttribute : ParameterRuleAttribute
{
    public bool WithPort { get; init; }

    public override string Allowed => DnsNames.HostRule + (WithPort ? ", optionally followed by :PORT (1 to 65535)" : "");

    public override bool Allows(object value)
    {
        if (value is not string text) return true;
        var colon = text.LastIndexOf(':');
        if (!WithPort || colon < 0) return DnsNames.IsSubdomain(text);
        return DnsNames.IsSubdomain(text[..colon])
               && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
    }

    public override void WriteSchema(Utf8JsonWriter json, Type valueType) =>
        json.WriteString("pattern", WithPort ? DnsNames.SubdomainPattern[..^1] + "(:[0-9]{1,5})?$" : DnsNames.SubdomainPattern);
}

/// <summary>Text matching a regular expression; <paramref name="allowed"/> says it in words, with an example.</summary>
public sealed class PatternAttribute(string pattern, string allowed) : ParameterRuleAttribute
{
    readonly Regex _regex = new(pattern, RegexOptions.CultureInvariant);

    public override string Allowed => allowed;
    public override bool Allows(object value) => value is not string s || _regex.IsMatch(s);
    public override void WriteSchema(Utf8JsonWriter json, Type valueType) => json.WriteString("pattern", pattern);
}

/// <summary>
/// A cross-parameter rule: this value may not be above the other parameter's (a minimum think time and its
/// maximum). Checked once every source has been read, naming where both values came from.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NotAboveAttribute(string otherMember) : Attribute
{
    public string OtherMember { get; } = otherMember;
}

/// <summary>
/// A cross-parameter rule: this parameter must be given when the other parameter has the value
/// (a directory that one mode needs). Checked once every source has been read, naming where the other value came from.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class RequiredWhenAttribute(string otherMember, object value) : Attribute
{
    public string OtherMember { get; } = otherMember;
    public object Value { get; } = value;
}
