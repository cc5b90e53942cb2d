using System.Reflection;
using System.Text.Json;

namespace Mooc.Build;

/// <summary>
/// Finds the build's [Parameter] members and fills them, one resolution order for every value,
/// secrets included: command line, then environment, then .nuke/parameters.&lt;profile&gt;.json,
/// then .nuke/parameters.json, then the member's initial value.
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
        RejectUnknownOptions(commandLine);
        var profile = commandLine.Values("profile") is { Count: > 0 } p ? p[0] : null;
        var files = new List<(string Path, bool Required)> { (Path.Combine(nukeDirectory, "parameters.json"), false) };
        if (profile is not null) files.Add((Path.Combine(nukeDirectory, $"parameters.{profile}.json"), true));

        foreach (var (path, required) in files)
        {
            if (!File.Exists(path))
            {
                if (required)
                    throw new BuildException($"Profile '{profile}' has no file {path}. Create it, or pick one of: {string.Join(", ", Profiles(nukeDirectory))}.");
                continue;
            }
            foreach (var (parameter, values) in ReadJson(path))
                Assign(build, parameter, values, Path.GetFileName(path));
        }

        foreach (var parameter in Parameters)
            if (environment.TryGetValue(parameter.EnvironmentVariable, out var value) && value is not null)
                Assign(build, parameter, [value], $"environment {parameter.EnvironmentVariable}");

        foreach (var parameter in Parameters)
            if (commandLine.Values(parameter.Name) is { } values)
                Assign(build, parameter, values, "command line");

        foreach (var parameter in Parameters.Where(p => p.IsSecret))
            SecretMaskingWriter.Register(parameter.GetValue(build) as string);
    }

    public static IEnumerable<string> Profiles(string nukeDirectory) =>
        Directory.Exists(nukeDirectory)
            ? Directory.GetFiles(nukeDirectory, "parameters.*.json").Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]).Order()
            : [];

    void Assign(object build, BuildParameter parameter, IReadOnlyList<string> values, string source)
    {
        var value = ValueConverter.Convert(parameter.Type, values, $"Parameter {parameter.Option} (from {source})");
        parameter.SetValue(build, value);
        parameter.Source = source;
    }

    void RejectUnknownOptions(CommandLine commandLine)
    {
        var known = Parameters.Select(p => p.Name).Concat(EngineOptions).ToList();
        foreach (var option in commandLine.Options.Keys)
        {
            if (known.Contains(option, StringComparer.OrdinalIgnoreCase)) continue;
            var suggestion = Suggestions.Closest(option, known);
            throw new BuildException($"Unknown option '--{option}'." + (suggestion is null ? "" : $" Did you mean '--{suggestion}'?") + " Run './build.sh --help' to see every parameter.");
        }
    }

    IEnumerable<(BuildParameter, IReadOnlyList<string>)> ReadJson(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new BuildException($"{path}: line {e.LineNumber + 1}: not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildException($"{path}: expected an object of parameter names and values.");
            var result = new List<(BuildParameter, IReadOnlyList<string>)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "$schema") continue;
                var parameter = Parameters.FirstOrDefault(p => p.MemberName.Equals(property.Name, StringComparison.OrdinalIgnoreCase)
                                                           || p.Name.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
                if (parameter is null)
                {
                    var suggestion = Suggestions.Closest(property.Name, Parameters.Select(p => p.MemberName));
                    throw new BuildException($"{path}: unknown parameter '{property.Name}'." + (suggestion is null ? "" : $" Did you mean '{suggestion}'?"));
                }
                result.Add((parameter, property.Value.ValueKind switch
                {
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(e => e.ToString()).ToList(),
                    JsonValueKind.True => ["true"],
                    JsonValueKind.False => ["false"],
                    _ => [property.Value.ToString()],
                }));
            }
            return result;
        }
    }
}
