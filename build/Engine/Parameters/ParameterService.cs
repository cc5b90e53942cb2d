using System.Reflection;
using System.Text.Json;

namespace Mooc.Build;

/// <summary>
/// Finds the build's [Parameter] members and fills them, one resolution order for every value,
/// secrets included: command line, then environment, then the settings saved with the deployment
/// ([Remembered] parameters, <see cref="RememberedSettings"/>), then .nuke/parameters.&lt;profile&gt;.json,
/// then .nuke/parameters.json, then the member's initial value. Every value from every source is
/// converted and checked against the parameter's rules ([AtLeast], [DnsLabel], [NotAbove], [RequiredWhen], ...);
/// all the mistakes found are reported together, each naming the parameter, its source, the value
/// and what is allowed, before any target runs.
/// </summary>
public sealed class ParameterService
{
    /// <summary>Options the engine itself understands; they are not build parameters.</summary>
    public static readonly string[] EngineOptions = ["help", "plan", "skip", "profile", "target"];

    public IReadOnlyList<BuildParameter> Parameters { get; }

    ParameterService(IReadOnlyList<BuildParameter> parameters) => Parameters = parameters;

    public static ParameterService Discover(object build)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var parameters = build.GetType().GetMembers(flags)
            .Where(m => m is FieldInfo or PropertyInfo)
            .Select(m => (Member: m, Attribute: m.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new BuildParameter(x.Member, x.Attribute!, x.Member switch
            {
                FieldInfo f => f.GetValue(build),
                PropertyInfo p => p.GetValue(build),
                _ => null,
            }))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        return new ParameterService(parameters);
    }

    public void Inject(object build, CommandLine commandLine, IReadOnlyDictionary<string, string?> environment, string nukeDirectory)
    {
        var errors = new List<string>();
        RejectUnknownOptions(commandLine, errors);
        var profile = commandLine.Values("profile") is { Count: > 0 } p ? p[0] : null;
        var files = new List<(string Path, bool Required)> { (Path.Combine(nukeDirectory, "parameters.json"), false) };
        if (profile is not null) files.Add((Path.Combine(nukeDirectory, $"parameters.{profile}.json"), true));

        foreach (var (path, required) in files)
        {
            if (!File.Exists(path))
            {
                if (required)
                    errors.Add($"Profile '{profile}' has no file {path}. Create it, or pick one of: {string.Join(", ", Profiles(nukeDirectory))}.");
                continue;
            }
            var displayPath = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(nukeDirectory))!, path);
            foreach (var entry in ParametersFile.Read(path, displayPath, errors))
                AssignFromFile(build, entry, errors);
        }

        // An empty variable is unset: CI systems pass "" for a secret that is not configured.
        foreach (var parameter in Parameters)
            if (environment.TryGetValue(parameter.EnvironmentVariable, out var value) && !string.IsNullOrEmpty(value))
                Assign(build, parameter, [value], $"environment variable {parameter.EnvironmentVariable}", errors);

        foreach (var parameter in Parameters)
            if (commandLine.Values(parameter.Name) is { } values)
                Assign(build, parameter, values, "command line", errors);

        RememberedSettings.Current = ApplyRemembered(build, nukeDirectory, errors);

        foreach (var parameter in Parameters.Where(p => p.Source == "default"))
            CheckRules(parameter, parameter.DefaultValue, "default", errors);
        CheckNotAbove(build, errors);
        CheckRequiredWhen(build, errors);

        if (errors.Count > 0)
            throw new BuildException(string.Join(Environment.NewLine, errors.Distinct()) + Environment.NewLine + "Run './build.sh --help' to see every parameter and what it takes.");

        foreach (var parameter in Parameters.Where(p => p.IsSecret))
            SecretMaskingWriter.Register(parameter.GetValue(build) as string);
    }

    /// <summary>
    /// The saved settings of the key this run names (--deployment, else its fallback) fill the [Remembered]
    /// parameters that neither the command line nor the environment gave; none when the key has no value yet.
    /// </summary>
    RememberedSettings? ApplyRemembered(object build, string nukeDirectory, List<string> errors)
    {
        var keys = Parameters.Where(p => p.IsSettingsKey).ToList();
        if (keys.Count > 1) throw new BuildException($"[SettingsKey] is on {string.Join(" and ", keys.Select(k => k.MemberName))}: one parameter names the settings.");
        if (keys is not [var keyParameter]) return null;
        var fallback = keyParameter.Member.GetCustomAttribute<SettingsKeyAttribute>()!.Fallback is { } name
            ? Other(keyParameter, name, $"[SettingsKey(Fallback = \"{name}\")]") : null;
        var key = keyParameter.GetValue(build) as string ?? fallback?.GetValue(build) as string;
        if (key is null || !RememberedSettings.IsUsableKey(key)) return null;

        var root = Path.GetDirectoryName(Path.GetFullPath(nukeDirectory))!;
        var remembered = Parameters.Where(p => p.IsRemembered).ToList();
        var settings = new RememberedSettings(build, $"{keyParameter.Name} {key}", RememberedSettings.FileFor(nukeDirectory, key), root, remembered);
        foreach (var entry in settings.Read(errors))
        {
            // A key no parameter remembers any more (a later pipeline dropped it) is left alone, not an error.
            var parameter = remembered.FirstOrDefault(p => p.MemberName == entry.Key);
            if (parameter is null || parameter.Source == "command line" || parameter.Source.StartsWith("environment variable ", StringComparison.Ordinal)) continue;
            AssignFromFile(build, entry with { Location = settings.Label }, errors);
            if (parameter.Source == settings.Label) settings.MarkSupplied(parameter.MemberName);
        }
        return settings;
    }

    public static IEnumerable<string> Profiles(string nukeDirectory) =>
        Directory.Exists(nukeDirectory)
            ? Directory.GetFiles(nukeDirectory, "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]).Order()
            : [];

    void Assign(object build, BuildParameter parameter, IReadOnlyList<string> values, string source, List<string> errors)
    {
        object? value;
        try
        {
            value = ValueConverter.Convert(parameter.Type, values, Where(parameter, source), parameter.IsSecret);
        }
        catch (BuildException e)
        {
            errors.Add(e.Message);
            return;
        }
        if (!CheckRules(parameter, value, source, errors)) return;
        parameter.SetValue(build, value);
        parameter.Source = source;
    }

    void AssignFromFile(object build, ParametersFileEntry entry, List<string> errors)
    {
        if (entry.Key == "$schema") return;
        var parameter = Parameters.FirstOrDefault(p => p.MemberName.Equals(entry.Key, StringComparison.OrdinalIgnoreCase)
                                                   || p.Name.Equals(entry.Key, StringComparison.OrdinalIgnoreCase));
        if (parameter is null)
        {
            var suggestion = Suggestions.Closest(entry.Key, Parameters.Select(p => p.MemberName));
            errors.Add($"{entry.Location}: unknown parameter '{entry.Key}'." + (suggestion is null ? "" : $" Did you mean '{suggestion}'?"));
            return;
        }
        if (JsonKindProblem(parameter, entry) is { } problem)
        {
            errors.Add($"{Where(parameter, entry.Location)}: {problem}.");
            return;
        }
        if (entry.Kind == JsonValueKind.Null)
        {
            parameter.SetValue(build, null);
            parameter.Source = entry.Location;
            return;
        }
        Assign(build, parameter, entry.Items.Select(i => i.Text).ToList(), entry.Location, errors);
    }

    /// <summary>JSON has types: a number parameter takes a number, a list takes an array, and so on, as the schema says.</summary>
    static string? JsonKindProblem(BuildParameter parameter, ParametersFileEntry entry)
    {
        var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
        var nullable = !parameter.Type.IsValueType || Nullable.GetUnderlyingType(parameter.Type) is not null;
        if (entry.Kind == JsonValueKind.Null) return nullable ? null : $"null is not allowed (its type is {parameter.TypeName}); give a value or remove the key";
        var (expected, example, fits) =
            type == typeof(string[]) ? ("a list of text values", "[\"a\", \"b\"]", entry.Kind == JsonValueKind.Array && entry.Items.All(i => i.Kind == JsonValueKind.String))
            : type == typeof(bool) ? ("true or false", "true", entry.Kind is JsonValueKind.True or JsonValueKind.False)
            : type == typeof(int) || type == typeof(double) ? ("a number", "10", entry.Kind == JsonValueKind.Number)
            : type == typeof(TimeSpan) ? ("a duration in quotes", "\"30s\"", entry.Kind == JsonValueKind.String)
            : ("a text value in quotes", "\"value\"", entry.Kind == JsonValueKind.String);
        if (fits) return null;
        var got = entry.Kind switch
        {
            JsonValueKind.Array when type == typeof(string[]) => "a list with an item that is not text",
            JsonValueKind.Array => "a list",
            JsonValueKind.Object => "an object",
            JsonValueKind.String => $"the text \"{(parameter.IsSecret ? "*****" : entry.Items[0].Text)}\"",
            _ => entry.Items[0].Text,
        };
        return $"expected {expected}, e.g. \"{parameter.MemberName}\": {example}; got {got}";
    }

    /// <summary>True when every rule allows the value (each item of a list); else one error per broken rule.</summary>
    static bool CheckRules(BuildParameter parameter, object? value, string source, List<string> errors)
    {
        var items = value switch
        {
            null => [],
            string[] array => array.Cast<object>().ToArray(),
            _ => [value],
        };
        var ok = true;
        foreach (var rule in parameter.Rules)
        foreach (var item in items.Where(i => !rule.Allows(i)))
        {
            errors.Add($"{Where(parameter, source)}: '{parameter.Display(item)}' is not allowed; allowed: {rule.Allowed}." +
                       (parameter.IsSecret || rule.Hint(item) is not { } hint ? "" : $" Hint: {hint}."));
            ok = false;
        }
        return ok;
    }

    void CheckNotAbove(object build, List<string> errors)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Member.GetCustomAttribute<NotAboveAttribute>() is not { } rule) continue;
            var other = Other(parameter, rule.OtherMember, $"[NotAbove(\"{rule.OtherMember}\")]");
            if (parameter.GetValue(build) is IComparable value && other.GetValue(build) is { } limit && value.CompareTo(limit) > 0)
                errors.Add($"{Where(parameter, parameter.Source)}: '{parameter.Display(value)}' is above {other.Option} '{other.Display(limit)}' (from {other.Source}); " +
                           $"allowed: at most {other.Option}. Lower {parameter.Option} or raise {other.Option}.");
        }
    }

    void CheckRequiredWhen(object build, List<string> errors)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Member.GetCustomAttribute<RequiredWhenAttribute>() is not { } rule) continue;
            var other = Other(parameter, rule.OtherMember, $"[RequiredWhen(\"{rule.OtherMember}\", ...)]");
            if (parameter.GetValue(build) is not null || !Equals(other.GetValue(build), rule.Value)) continue;
            // A value given but refused is reported already; "required" would contradict that error.
            if (errors.Any(e => e.StartsWith($"Parameter {parameter.Option} (from ", StringComparison.Ordinal))) continue;
            errors.Add($"Parameter {parameter.Option} is required when {other.Option} is {other.Display(rule.Value)} (from {other.Source}): " +
                       $"give it on the command line, as ${parameter.EnvironmentVariable}, or as \"{parameter.MemberName}\" in .nuke/parameters.json ({parameter.Description}).");
        }
    }

    BuildParameter Other(BuildParameter parameter, string otherMember, string rule) =>
        Parameters.FirstOrDefault(p => p.MemberName == otherMember)
        ?? throw new BuildException($"{rule} on {parameter.MemberName}: '{otherMember}' is not a [Parameter] of the build.");

    static string Where(BuildParameter parameter, string source) => $"Parameter {parameter.Option} (from {source})";

    void RejectUnknownOptions(CommandLine commandLine, List<string> errors)
    {
        var known = Parameters.Select(p => p.Name).Concat(EngineOptions).ToList();
        foreach (var option in commandLine.Options.Keys)
        {
            if (known.Contains(option, StringComparer.OrdinalIgnoreCase)) continue;
            var suggestion = Suggestions.Closest(option, known);
            errors.Add($"Unknown option '--{option}'." + (suggestion is null ? "" : $" Did you mean '--{suggestion}'?"));
        }
    }
}
