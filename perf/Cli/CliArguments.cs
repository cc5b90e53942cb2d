using System.Globalization;

namespace Mooc.Perf.Cli;

/// <summary>--name value pairs from the command line, with errors that name the option and what it expects.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public CliArguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"unexpected argument '{name}'; options look like --users 10");
            }
            _values[name[2..]] = e.MoveNext() && !e.Current.StartsWith("--", StringComparison.Ordinal)
                ? e.Current
                : throw new CliException($"option {name} needs a value");
        }
    }

    public IEnumerable<string> Names => _values.Keys;

    public string? String(string name) => _values.GetValueOrDefault(name);

    public int? Int(string name) => Parse<int>(name, "a whole number, e.g. 10", s => int.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : null);

    public long? Long(string name) => Parse<long>(name, "a whole number, e.g. 100", s => long.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : null);

    public double? Double(string name) => Parse<double>(name, "a number, e.g. 2.5", s => double.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : null);

    /// <summary>Durations with a unit: 500ms, 30s, 5m, 1h.</summary>
    public TimeSpan? Duration(string name) => Parse(name, "a duration with a unit, e.g. 500ms, 30s, 5m or 1h", ParseDuration);

    private static TimeSpan? ParseDuration(string text)
    {
        foreach (var (suffix, unit) in new[] { ("ms", TimeSpan.FromMilliseconds(1)), ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1)) })
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                return unit * amount;
            }
        }
        return null;
    }

    private T? Parse<T>(string name, string expected, Func<string, T?> parse) where T : struct =>
        _values.TryGetValue(name, out var text)
            ? parse(text) ?? throw new CliException($"option --{name} got '{text}'; expected {expected}")
            : null;
}

internal sealed class CliException(string message) : Exception(message);
