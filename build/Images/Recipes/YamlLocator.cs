using YamlDotNet.RepresentationModel;

namespace Mooc.Images.Recipes;

/// <summary>Finds the line of a field such as "steps[2].run", so errors found after parsing still point into the file.</summary>
sealed class YamlLocator
{
    readonly YamlNode? _root;

    public YamlLocator(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            _root = stream.Documents.FirstOrDefault()?.RootNode;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            _root = null;
        }
    }

    /// <summary>The 1-based line of the field, or of its closest parent that exists (a missing field's parent).</summary>
    public int LineOf(string field)
    {
        var node = _root;
        if (node is null) return 1;
        var line = (int)node.Start.Line;
        foreach (var segment in Segments(field))
        {
            YamlNode? next = (node, segment) switch
            {
                (YamlMappingNode map, string key) => map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value,
                (YamlSequenceNode list, int index) when index < list.Children.Count => list.Children[index],
                _ => null,
            };
            if (next is null) break;
            node = next;
            line = (int)node.Start.Line;
        }
        return line;
    }

    static IEnumerable<object> Segments(string field)
    {
        foreach (var part in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0) { yield return part; continue; }
            yield return part[..bracket];
            foreach (var index in part[(bracket + 1)..].TrimEnd(']').Split("]["))
                yield return int.Parse(index);
        }
    }
}
