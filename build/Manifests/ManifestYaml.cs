using System.Globalization;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mooc.Manifests;

/// <summary>
/// An object as YAML: KubernetesYaml's output with every resource quantity that reads as a number
/// (<c>cpu: 1</c>) quoted (<c>cpu: "1"</c>). The API server's schema types a quantity as a string and
/// server-side apply rejects a YAML number there ("expected string"); KubernetesYaml writes quantities
/// unquoted, so its events are copied through with those scalars restyled.
/// </summary>
public static class ManifestYaml
{
    /// <summary>Keys whose mapping values are resource quantities (container and claim resources, a volume's capacity).</summary>
    static readonly HashSet<string> QuantityMaps = ["requests", "limits", "capacity"];

    public static string Serialize(object value)
    {
        var parser = new Parser(new StringReader(KubernetesYaml.Serialize(value)));
        var output = new StringWriter();
        var emitter = new Emitter(output);
        // One frame per open mapping or sequence: the key it sits under, and (mappings) the key whose value comes next.
        var frames = new Stack<(string? Under, bool IsMapping, string? PendingKey)>();
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            switch (current)
            {
                case MappingStart or SequenceStart:
                    frames.Push((TakeKey(frames), current is MappingStart, null));
                    break;
                case MappingEnd or SequenceEnd:
                    frames.Pop();
                    break;
                case Scalar scalar when frames.TryPeek(out var top) && top.IsMapping && top.PendingKey is null:
                    frames.Pop();
                    frames.Push(top with { PendingKey = scalar.Value });
                    break;
                case Scalar scalar:
                    if (frames.TryPeek(out var owner) && owner.Under is { } under && QuantityMaps.Contains(under) && IsPlainNumber(scalar))
                        current = new Scalar(scalar.Anchor, scalar.Tag, scalar.Value, ScalarStyle.DoubleQuoted, false, true);
                    TakeKey(frames);
                    break;
            }
            emitter.Emit(current);
        }
        return output.ToString();
    }

    /// <summary>The key the next value sits under, cleared so the mapping expects a key again.</summary>
    static string? TakeKey(Stack<(string? Under, bool IsMapping, string? PendingKey)> frames)
    {
        if (!frames.TryPeek(out var top) || !top.IsMapping) return null;
        frames.Pop();
        frames.Push(top with { PendingKey = null });
        return top.PendingKey;
    }

    static bool IsPlainNumber(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
