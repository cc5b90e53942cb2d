using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mooc.Build;

/// <summary>One key of a parameters file: its JSON value (the items of an array) and where it is.</summary>
public sealed record ParametersFileEntry(string Key, JsonValueKind Kind, IReadOnlyList<ParametersFileEntry.Item> Items, string Location)
{
    public sealed record Item(JsonValueKind Kind, string Text);
}

/// <summary>
/// Reads .nuke/parameters[.profile].json token by token, so every key keeps its line and column: a mistake
/// in the file (bad JSON, a key given twice, a value of the wrong kind) is reported as file:line:column.
/// </summary>
public static partial class ParametersFile
{
    public static IReadOnlyList<ParametersFileEntry> Read(string path, string displayPath, List<string> errors)
    {
        var bytes = File.ReadAllBytes(path);
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var text = bytes.AsMemory(start);
        string Where(long offset) => Locate(text.Span, (int)offset, displayPath);

        var entries = new List<ParametersFileEntry>();
        var reader = new Utf8JsonReader(text.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) return entries;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add($"{Where(reader.TokenStartIndex)}: expected an object of parameter names and values, e.g. {{ \"Users\": 10 }}.");
                return entries;
            }
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var location = Where(reader.TokenStartIndex);
                reader.Read();
                var (kind, items) = ReadValue(ref reader);
                if (!seen.Add(key)) errors.Add($"{location}: \"{key}\" is given twice; keep one.");
                else entries.Add(new ParametersFileEntry(key, kind, items, location));
            }
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            errors.Add($"{displayPath}:{line}:{column}: not valid JSON: {Plain(e.Message)}");
        }
        return entries;
    }

    static (JsonValueKind, IReadOnlyList<ParametersFileEntry.Item>) ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                var items = new List<ParametersFileEntry.Item>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var (kind, inner) = ReadValue(ref reader);
                    items.Add(kind is JsonValueKind.Array or JsonValueKind.Object ? new(kind, "") : inner[0]);
                }
                return (JsonValueKind.Array, items);
            case JsonTokenType.StartObject:
                reader.Skip();
                return (JsonValueKind.Object, []);
            default:
                var item = Scalar(ref reader);
                return (item.Kind, [item]);
        }
    }

    static ParametersFileEntry.Item Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => new(JsonValueKind.String, reader.GetString()!),
        JsonTokenType.Number => new(JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => new(JsonValueKind.True, "true"),
        JsonTokenType.False => new(JsonValueKind.False, "false"),
        _ => new(JsonValueKind.Null, "null"),
    };

    static string Locate(ReadOnlySpan<byte> text, int offset, string displayPath)
    {
        var before = text[..Math.Min(offset, text.Length)];
        var line = before.Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[(before.LastIndexOf((byte)'\n') + 1)..]) + 1;
        return $"{displayPath}:{line}:{column}";
    }

    /// <summary>The reader's words without its own position suffix, which the location already gives.</summary>
    static string Plain(string message) => message.Contains("Expected depth to be zero")
        ? "the file ends before the object is closed; add the missing '}' (or ']')."
        : PositionSuffix().Replace(message, "").Trim();

    [GeneratedRegex(@"\s*(Path: \S*\s*\|?\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex PositionSuffix();
}
