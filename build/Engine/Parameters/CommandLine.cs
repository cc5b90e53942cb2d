namespace Mooc.Build;

/// <summary>
/// The arguments as given: target names first (<c>./build.sh Deploy LoadTest</c>), then options
/// (<c>--name value...</c>, <c>--name=value</c>, or a bare <c>--flag</c>). After a bare <c>--</c>, every
/// argument, dashes and all, is a value of <c>--command</c> (<c>./build.sh Shell -- ls -la /</c>).
/// </summary>
public sealed record CommandLine(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, IReadOnlyList<string>> Options)
{
    public bool Has(string option) => Options.ContainsKey(option);
    public IReadOnlyList<string>? Values(string option) => Options.TryGetValue(option, out var values) ? values : null;

    public const string RestOption = "command";

    public static CommandLine Parse(IEnumerable<string> args)
    {
        var targets = new List<string>();
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        List<string>? current = null;
        var rest = false;
        foreach (var arg in args)
        {
            if (rest)
            {
                current!.Add(arg);
            }
            else if (arg == "--")
            {
                if (options.ContainsKey(RestOption))
                    throw new BuildException($"Both '--{RestOption}' and '--' give the command: give it once.");
                options[RestOption] = current = [];
                rest = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) || arg is "-h" or "-?")
            {
                var body = arg is "-h" or "-?" ? "help" : arg[2..];
                var equals = body.IndexOf('=');
                var name = equals < 0 ? body : body[..equals];
                current = [];
                if (equals >= 0) current.Add(body[(equals + 1)..]);
                if (options.ContainsKey(name))
                    throw new BuildException($"Option '--{name}' is given twice. Give it once, with all its values after it.");
                options[name] = current;
            }
            else if (current is null)
            {
                targets.Add(arg);
            }
            else
            {
                current.Add(arg);
            }
        }
        return new CommandLine(targets, options);
    }
}
