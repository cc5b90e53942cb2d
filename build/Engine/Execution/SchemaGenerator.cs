using System.Text;
using System.Text.Json;

namespace Mooc.Build;

/// <summary>
/// .nuke/build.schema.json: every parameter and target name, so editors complete and check
/// .nuke/parameters*.json. Regenerated from the code on every run; the same code gives the same bytes.
/// </summary>
public static class SchemaGenerator
{
    public static string Generate(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<BuildParameter> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-07/schema#");
            json.WriteString("title", "Build Schema");
            json.WriteStartObject("definitions");
            json.WriteStartObject("Target");
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var target in targets.OrderBy(t => t.Name, StringComparer.Ordinal)) json.WriteStringValue(target.Name);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("type", "object");
            json.WriteBoolean("additionalProperties", false);
            json.WriteStartObject("properties");
            json.WriteStartObject("$schema");
            json.WriteString("type", "string");
            json.WriteEndObject();
            foreach (var parameter in parameters.OrderBy(p => p.MemberName, StringComparer.Ordinal))
                WriteParameter(json, parameter);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    static void WriteParameter(Utf8JsonWriter json, BuildParameter parameter)
    {
        json.WriteStartObject(parameter.MemberName);
        var description = parameter.Description + (parameter.Allowed.Length > 0 ? $" (allowed: {parameter.Allowed})" : "") + (parameter.IsSecret ? " (secret: masked in all output)" : "");
        json.WriteString("description", description);
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        if (type == typeof(string[]))
        {
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            json.WriteString("type", "string");
            foreach (var rule in parameter.Rules) rule.WriteSchema(json, typeof(string));
            json.WriteEndObject();
        }
        else if (type.IsEnum)
        {
            json.WriteString("type", "string");
            json.WriteStartArray("enum");
            foreach (var name in Enum.GetNames(type)) json.WriteStringValue(name);
            json.WriteEndArray();
        }
        else if (type == typeof(bool)) json.WriteString("type", "boolean");
        else if (type == typeof(int)) json.WriteString("type", "integer");
        else if (type == typeof(double)) json.WriteString("type", "number");
        else if (type == typeof(TimeSpan))
        {
            json.WriteString("type", "string");
            json.WriteString("pattern", @"^(\d+(\.\d+)?h)?(\d+(\.\d+)?m)?(\d+(\.\d+)?s)?(\d+ms)?$|^\d+:\d\d:\d\d$");
        }
        else if (type == typeof(Uri))
        {
            json.WriteString("type", "string");
            json.WriteString("format", "uri");
        }
        else json.WriteString("type", "string");
        if (type != typeof(string[]))
            foreach (var rule in parameter.Rules) rule.WriteSchema(json, type);

        if (!parameter.IsSecret && parameter.DefaultValue is not null && !(parameter.DefaultValue is string[] { Length: 0 }))
        {
            json.WritePropertyName("default");
            switch (parameter.DefaultValue)
            {
                case bool b: json.WriteBooleanValue(b); break;
                case int i: json.WriteNumberValue(i); break;
                case double d: json.WriteNumberValue(d); break;
                case string[] array:
                    json.WriteStartArray();
                    foreach (var item in array) json.WriteStringValue(item);
                    json.WriteEndArray();
                    break;
                default: json.WriteStringValue(ValueConverter.Format(parameter.DefaultValue)); break;
            }
        }
        json.WriteEndObject();
    }
}
