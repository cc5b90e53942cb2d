using Mooc.Build;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mooc.Platform.Loading;

/// <summary>
/// Reads typed values out of a YAML node tree, collecting every error with file, line, column and field path instead
/// of stopping at the first, and remembering where each field was so later checks can point at it too.
/// </summary>
public sealed class YamlNodeReader(string file)
{
    readonly List<PlatformError> _errors = [];
    readonly Dictionary<string, Mark> _positions = new(StringComparer.Ordinal);

    public IReadOnlyList<PlatformError> Errors => _errors;

    public void Error(YamlNode node, string field, string message) => Error(node.Start, field, message);

    /// <summary>An error found before the tree existed (by <see cref="YamlText"/>).</summary>
    public void Add(PlatformError error) => _errors.Add(error);

    public void Error(Mark at, string field, string message) =>
        _errors.Add(new PlatformError(file, (int)at.Line, (int)at.Column, field.Length == 0 ? "(top level)" : field, message));

    /// <summary>Reports an error at the place the field was read from (or the file's start when it was never read).</summary>
    public void ErrorAt(string field, string message) =>
        Error(_positions.TryGetValue(field, out var at) ? at : Mark.Empty, field, message);

    public void Remember(string field, YamlNode node) => _positions[field] = node.Start;

    /// <summary>The fields of a mapping, reporting unknown (with the allowed list), duplicate and missing-required ones.</summary>
    public IReadOnlyDictionary<string, YamlNode>? Fields(YamlNode node, string field, string[] allowed, params string[] required)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, field, IsNull(node)
                ? $"an empty entry (a '-' or a key with nothing after it); write its fields ({string.Join(", ", allowed)}) or remove it"
                : $"expected a mapping with fields {string.Join(", ", allowed)}; got {Describe(node)}");
            return null;
        }
        Remember(field, node);
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = Join(field, key);
            if (!allowed.Contains(key, StringComparer.Ordinal))
                Error(keyNode, path, $"unknown field '{key}'{Suggest(key, allowed)}; allowed: {string.Join(", ", allowed)}");
            else if (!fields.TryAdd(key, value))
                Error(keyNode, path, $"field '{key}' appears twice; keep one");
            else
                Remember(path, value);
        }
        foreach (var name in required.Where(r => !fields.ContainsKey(r)))
            Error(node, Join(field, name), $"required field '{name}' is missing");
        return fields;
    }

    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string field)
    {
        if (node is YamlSequenceNode sequence) return sequence.Children.ToList();
        if (IsNull(node)) return [];
        Error(node, field, $"expected a list; got {Describe(node)}");
        return [];
    }

    /// <summary>
    /// The entries of a list field (none when <paramref name="node"/> is absent), each read with its path, e.g. steps[0];
    /// <paramref name="byName"/> labels an entry by its name field instead (services[lms]), so errors point at it by name.
    /// </summary>
    public List<T> Items<T>(YamlNode? node, string field, Func<YamlNode, string, T?> read, bool byName = false) where T : class =>
        node is null ? []
            : Sequence(node, field).Select((item, i) => read(item, $"{field}[{(byName ? PeekName(item) : null) ?? i.ToString()}]")).OfType<T>().ToList();

    public string? String(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar && !IsNull(node)) return scalar.Value ?? "";
        Error(node, field, $"expected a text value; got {Describe(node)}");
        return null;
    }

    public int? Int(YamlNode node, string field, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max) return value;
            Error(node, field, $"{value} is out of range; allowed: {min}..{max}");
            return null;
        }
        Error(node, field, $"expected a whole number ({min}..{max}); got {Describe(node)}");
        return null;
    }

    public long? Long(YamlNode node, string field, long min)
    {
        if (node is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
            return value;
        Error(node, field, $"expected a whole number >= {min}; got {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: "true" or "false" } scalar) return scalar.Value == "true";
        Error(node, field, $"expected true or false; got {Describe(node)}");
        return null;
    }

    /// <summary>An enum written in kebab-case or as the member's name (e.g. stateful, read-write-many, ReadWriteMany).</summary>
    public T? Enum<T>(YamlNode node, string field) where T : struct, Enum
    {
        var allowed = System.Enum.GetValues<T>().ToDictionary(KebabCase, v => v);
        if (node is YamlScalarNode { Value: { } text })
        {
            if (allowed.TryGetValue(text, out var byKebab)) return byKebab;
            if (System.Enum.TryParse<T>(text, ignoreCase: false, out var byName) && System.Enum.IsDefined(byName)) return byName;
        }
        Error(node, field, $"expected one of {string.Join(", ", allowed.Keys)}; got {Describe(node)}");
        return null;
    }

    public IReadOnlyList<string> StringList(YamlNode node, string field)
    {
        if (node is YamlScalarNode && !IsNull(node))
        {
            Error(node, field, $"expected a list of text values, e.g. [\"a\", \"b\"]; got {Describe(node)}");
            return [];
        }
        var items = Sequence(node, field);
        var values = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            Remember($"{field}[{i}]", items[i]);
            if (String(items[i], $"{field}[{i}]") is { } value) values.Add(value);
        }
        return values;
    }

    /// <summary>A mapping of text to text, in declared order.</summary>
    public IReadOnlyDictionary<string, string> StringMap(YamlNode node, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsNull(node)) return result;
        if (node is not YamlMappingNode mapping)
        {
            Error(node, field, $"expected a mapping of NAME: value; got {Describe(node)}");
            return result;
        }
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = Join(field, key);
            Remember(path, valueNode);
            if (String(valueNode, path) is not { } value) continue;
            if (!result.TryAdd(key, value)) Error(keyNode, path, $"'{key}' appears twice; keep one");
        }
        return result;
    }

    /// <summary>The text of a mapping's name field, to label a list entry in field paths (services[lms] rather than services[2]).</summary>
    public static string? PeekName(YamlNode node) =>
        node is YamlMappingNode mapping
        && mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" }).Value is YamlScalarNode { Value: { Length: > 0 } name }
        && !name.Contains('[') && !name.Contains(']')
            ? name
            : null;

    public static string Join(string parent, string child) => parent.Length == 0 ? child : $"{parent}.{child}";

    static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };

    public static string KebabCase<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        if (name.All(char.IsUpper)) return name;
        return string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
    }

    static string Suggest(string key, string[] allowed) =>
        Suggestions.Closest(key, allowed) is { } best ? $" (did you mean '{best}'?)" : "";
}
