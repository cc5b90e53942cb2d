using System.Globalization;
using System.Text.RegularExpressions;

namespace Mooc.Build;

/// <summary>Turns the text of a parameter into its member's type, with errors that say what is allowed.</summary>
public static partial class ValueConverter
{
    /// <param name="secret">The value is never repeated in an error, only '*****'.</param>
    public static object? Convert(Type type, IReadOnlyList<string> values, string where, bool secret = false)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string[]))
            return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (target == typeof(bool) && values.Count == 0) return true;
        if (values.Count == 0)
            throw new BuildException($"{where}: no value given; write the value after the option.");
        if (values.Count != 1)
            throw new BuildException($"{where}: expected one value, got {values.Count} ({(secret ? "*****" : string.Join(" ", values))}).");

        if (target == typeof(string)) return values[0];
        var text = secret ? "*****" : values[0].Trim();
        var value = values[0].Trim();
        if (target == typeof(bool))
            return value.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "on" => true,
                "false" or "no" or "0" or "off" => false,
                _ => throw new BuildException($"{where}: '{text}' is not a boolean. Use true or false."),
            };
        if (target == typeof(int))
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
                : throw new BuildException($"{where}: '{text}' is not a whole number.");
        if (target == typeof(double))
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
                : throw new BuildException($"{where}: '{text}' is not a number (use '.' for decimals, e.g. 0.5).");
        if (target == typeof(TimeSpan))
            return ParseDuration(value) ?? throw new BuildException(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"{where}: '{text}' has no unit. Write e.g. {text}s, {text}m or {text}h (ms for milliseconds)."
                : $"{where}: '{text}' is not a duration. Use e.g. 500ms, 30s, 5m, 1h30m or 00:05:00.");
        if (target == typeof(Uri))
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
                : throw new BuildException($"{where}: '{text}' is not an http:// or https:// URL. Write it whole, e.g. https://mooc.example.edu/.");
        if (target.IsEnum)
        {
            var names = Enum.GetNames(target);
            var match = names.FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
            return match is not null ? Enum.Parse(target, match)
                : throw new BuildException($"{where}: '{text}' is not one of: {string.Join(", ", names)}.");
        }
        throw new BuildException($"{where}: parameters of type {target.Name} are not supported (string, int, double, bool, enum, TimeSpan, Uri, string[]).");
    }

    /// <summary>"30s", "5m", "1h30m", "250ms", or a TimeSpan like "00:05:00"; a bare number has no unit and is not one (TimeSpan would read "30" as 30 days).</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var match = DurationPattern().Match(text);
        if (match.Success && match.Length > 0)
        {
            double Part(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
            return TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        }
        return text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
    }

    /// <summary>How a value is shown in --help and the schema: the form a user would type.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string[] array => string.Join(",", array),
        TimeSpan span => FormatDuration(span),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string FormatDuration(TimeSpan span)
    {
        if (span == TimeSpan.Zero) return "0s";
        var parts = new List<string>();
        if (span.Hours + span.Days * 24 > 0) parts.Add($"{span.Hours + span.Days * 24}h");
        if (span.Minutes > 0) parts.Add($"{span.Minutes}m");
        if (span.Seconds > 0) parts.Add($"{span.Seconds}s");
        if (span.Milliseconds > 0) parts.Add($"{span.Milliseconds}ms");
        return string.Concat(parts);
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$")]
    private static partial Regex DurationPattern();
}
