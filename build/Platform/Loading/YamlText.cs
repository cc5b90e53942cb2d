using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Mooc.Platform.Loading;

/// <summary>
/// Parses the text of a platform or recipe file into one YAML tree, or says what is wrong in the user's words:
/// the line and column at fault, the field being written there, and what to do (tabs in the indentation, a second
/// document, a value that needs quotes, a key given twice, an unclosed list), never the YAML library's own text.
/// </summary>
public static partial class YamlText
{
    public static (YamlNode? Root, IReadOnlyList<PlatformError> Errors) Parse(string text, string file)
    {
        var walk = new Walk(text, file);
        if (walk.Run() is { } error) return (null, [walk.TabReported && TabIndentation(text, file, error.Line) is { } tab ? tab : error]);
        if (walk.Documents == 0) return (null, [new PlatformError(file, 1, 1, "(file)", "the file is empty; see the format's README for what it holds")]);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (stream.Documents[0].RootNode, []);
    }

    /// <summary>
    /// YAML indents with spaces only. The scanner reports a tab in the indentation at the start of the construct it was
    /// reading, often lines earlier; this finds the line at fault. Only asked when the scanner has found one: a tab
    /// inside a block scalar (a heredoc in a step's run: |) is content, not indentation, so the search starts where
    /// the scanner's construct starts.
    /// </summary>
    static PlatformError? TabIndentation(string text, string file, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab < 0 || lines[i].TrimStart().StartsWith('#')) continue;
            var before = string.Join('\n', lines.Take(i));
            var field = YamlNodeReader.Join(new Walk(before, file).ContainerAtEnd(), LineKey().Match(lines[i]) is { Success: true } key ? key.Groups[1].Value : "");
            return new PlatformError(file, i + 1, tab + 1, Field(field), "a tab in the indentation; YAML indents with spaces only: replace the tab with spaces");
        }
        return null;
    }

    static string Field(string path) => path.Length == 0 ? "(top level)" : path;

    /// <summary>Reads the parser's events, keeping the path of the field being written, so an error can name it.</summary>
    sealed class Walk(string text, string file)
    {
        sealed class Frame(string path, bool isMapping, Mark start, bool isFlow)
        {
            public string Path { get; } = path;
            public bool IsMapping { get; } = isMapping;
            public Mark Start { get; } = start;
            public bool IsFlow { get; } = isFlow;
            public bool ExpectingKey { get; set; } = true;
            public string Key { get; set; } = "";
            public int Index { get; set; }
            public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        }

        readonly Stack<Frame> _frames = new();
        readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
        string _containerAfterLastScalar = "";
        Mark _lastGood = Mark.Empty;

        public int Documents { get; private set; }

        /// <summary>The scanner stopped at a tab (its own words, not ours: a key or alias named 'table' is no tab).</summary>
        public bool TabReported { get; private set; }

        /// <summary>The first problem in the text, or null when it is one well-formed document.</summary>
        public PlatformError? Run()
        {
            var parser = new Parser(new StringReader(text));
            try
            {
                while (parser.MoveNext())
                {
                    if (parser.Current is not { } current) continue;
                    if (Visit(current) is { } error) return error;
                    _lastGood = current.Start;
                }
                return null;
            }
            catch (YamlException e)
            {
                return Translate(e);
            }
            catch (InvalidOperationException)
            {
                // The scanner fails this way, without a position, on some unclosed flow collections.
                var open = _frames.FirstOrDefault(f => f.IsFlow);
                var at = open?.Start ?? _lastGood;
                return new PlatformError(file, (int)at.Line, (int)at.Column, Field(open?.Path ?? CurrentPath()),
                    $"the {(open?.IsMapping == true ? "{mapping}" : "[list]")} that starts here is not closed; add '{(open?.IsMapping == true ? "}" : "]")}'");
            }
        }

        /// <summary>The field a line after this text would belong to (for errors found before parsing).</summary>
        public string ContainerAtEnd()
        {
            try
            {
                var parser = new Parser(new StringReader(text));
                while (parser.MoveNext())
                    if (parser.Current is { } current && Visit(current) is not null) break;
            }
            catch (Exception e) when (e is YamlException or InvalidOperationException)
            {
                // The text before the bad line may itself be cut mid-structure; the path so far is what is wanted.
            }
            return _containerAfterLastScalar;
        }

        PlatformError? Visit(ParsingEvent current)
        {
            switch (current)
            {
                case DocumentStart:
                    if (++Documents > 1)
                        return Error(current.Start, "(file)", "a second YAML document starts here; a file holds one document: remove this '---' (or '...') and what follows, or merge it into the first");
                    break;
                case Scalar scalar:
                    Remember(scalar);
                    if (_frames.TryPeek(out var top) && top.IsMapping && top.ExpectingKey)
                    {
                        if (!top.Keys.Add(scalar.Value))
                            return Error(scalar.Start, YamlNodeReader.Join(top.Path, scalar.Value), $"'{scalar.Value}' is given twice here; keep one");
                        top.Key = scalar.Value;
                        top.ExpectingKey = false;
                    }
                    else
                    {
                        ValueDone();
                    }
                    _containerAfterLastScalar = ContainerPath();
                    break;
                case AnchorAlias alias:
                    if (!_anchors.Contains(alias.Value.Value))
                        return Error(alias.Start, CurrentPath(), $"'*{alias.Value}' refers to an anchor that is not defined; define it first with '&{alias.Value}'");
                    ValueDone();
                    break;
                case MappingStart mapping:
                    Remember(mapping);
                    _frames.Push(new Frame(CurrentPath(), true, mapping.Start, mapping.Style == MappingStyle.Flow));
                    break;
                case SequenceStart sequence:
                    Remember(sequence);
                    _frames.Push(new Frame(CurrentPath(), false, sequence.Start, sequence.Style == SequenceStyle.Flow));
                    break;
                case MappingEnd or SequenceEnd:
                    _frames.Pop();
                    ValueDone();
                    break;
            }
            return null;
        }

        void Remember(NodeEvent node)
        {
            if (!node.Anchor.IsEmpty) _anchors.Add(node.Anchor.Value);
        }

        void ValueDone()
        {
            if (!_frames.TryPeek(out var top)) return;
            if (top.IsMapping) top.ExpectingKey = true;
            else top.Index++;
        }

        /// <summary>The path of the value being written now.</summary>
        string CurrentPath() => !_frames.TryPeek(out var top) ? ""
            : top.IsMapping ? (top.ExpectingKey ? top.Path : YamlNodeReader.Join(top.Path, top.Key))
            : $"{top.Path}[{top.Index}]";

        /// <summary>Where a next sibling field would go.</summary>
        string ContainerPath() => !_frames.TryPeek(out var top) ? "" : top.IsMapping ? top.Path : $"{top.Path}[{top.Index}]";

        PlatformError Error(Mark at, string field, string message) => new(file, (int)at.Line, (int)at.Column, Field(field), message);

        PlatformError Translate(YamlException e)
        {
            var message = e.Message;
            var at = e.Start;
            var field = CurrentPath();
            TabReported = message.Contains("tab") || CharacterAt(at) == '\t';
            if (message.Contains("expected ',' or ']'") || message.Contains("expected ',' or '}'"))
            {
                var open = _frames.FirstOrDefault(f => f.IsFlow);
                var mapping = message.Contains('}');
                return Error(open?.Start ?? at, open?.Path ?? field, $"the {(mapping ? "{mapping}" : "[list]")} that starts here is not closed, or has an item that is not separated by ','; add '{(mapping ? "}" : "]")}' or ','");
            }
            var plain = message.Contains("invalid mapping") || message.Contains("Mapping values are not allowed")
                ? "': ' inside a value that is not in quotes; quote the value (e.g. command: \"echo: x\"), or, if this is a field of its own, put it on its own line indented like the fields around it"
                : message.Contains("did not find expected key")
                    ? "this line is not indented like the fields around it, or a quoted value is followed by more text; line it up (spaces only) with its sibling fields"
                    : message.Contains("expected '-' indicator")
                        ? "a list item (a line starting with '- ') was expected at this indentation; line this line up with the list's items or start it with '- '"
                        : message.Contains("cannot start any token")
                            ? $"a value cannot start with '{CharacterAt(at)}'; put the value in quotes"
                            : message.Contains("quoted scalar")
                                ? "a quoted value starts here and is not closed; add the closing quote"
                                : message.Contains("tab")
                                    ? "a tab where YAML needs spaces; replace the tab with spaces"
                                    : message.Contains("anchor", StringComparison.OrdinalIgnoreCase)
                                        ? "an alias ('*name') refers to an anchor ('&name') that is not defined"
                                        : $"not valid YAML here: {Sentence(message)}";
            return Error(at, field, plain);
        }

        char CharacterAt(Mark at)
        {
            var lines = text.Split('\n');
            var line = (int)at.Line - 1;
            return line < lines.Length && at.Column - 1 < lines[line].Length ? lines[line][(int)at.Column - 1] : '?';
        }

        static string Sentence(string message) => message.TrimEnd('.').Replace("While ", "while ", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[\s-]*([A-Za-z0-9_.-]+)\s*:")]
    private static partial Regex LineKey();
}
