using System.Text.Json;

namespace Mooc.Build;

/// <summary>
/// The [Remembered] parameters of one settings key (a deployment), kept in .nuke/temp/settings/&lt;key&gt;.json.
/// <see cref="ParameterService"/> reads them back as a source of its own ("deployment ux"), above the parameters
/// files and below the environment and the command line; a target that declares <c>.SavesSettings()</c> saves
/// them when it succeeds; <see cref="Forget"/> deletes them (Down --purge).
/// A file on this machine rather than the engine's state: which engine and cluster a deployment runs on is
/// itself one of its settings, and parameters are resolved (for --help too) before any engine is asked anything.
/// </summary>
public sealed class RememberedSettings
{
    /// <summary>The settings of this run, set once its parameters are resolved; null when the build names no key.</summary>
    internal static RememberedSettings? Current { get; set; }

    readonly object _build;
    readonly IReadOnlyList<BuildParameter> _parameters;
    readonly string _rootDirectory;
    readonly HashSet<string> _supplied = [];

    internal RememberedSettings(object build, string label, string path, string rootDirectory, IReadOnlyList<BuildParameter> parameters)
    {
        _build = build;
        Label = label;
        Path = path;
        _rootDirectory = rootDirectory;
        _parameters = parameters;
    }

    /// <summary>The source shown for a remembered value, e.g. "deployment ux".</summary>
    public string Label { get; }

    public string Path { get; }

    string DisplayPath => System.IO.Path.GetRelativePath(_rootDirectory, Path);

    /// <summary>Where the settings of <paramref name="key"/> are kept; public so a test that removes a deployment by other means than Down --purge can forget them too.</summary>
    public static string FileFor(string nukeDirectory, string key) => System.IO.Path.Combine(nukeDirectory, "temp", "settings", key + ".json");

    /// <summary>A key that is safe as a file name; anything else is not remembered.</summary>
    internal static bool IsUsableKey(string key) =>
        key.Length is > 0 and <= 253 && char.IsAsciiLetterOrDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The saved entries, each located as file:line:column for errors; none when nothing was saved yet.</summary>
    internal IReadOnlyList<ParametersFileEntry> Read(List<string> errors) =>
        File.Exists(Path) ? ParametersFile.Read(Path, DisplayPath, errors) : [];

    /// <summary>Writes every remembered parameter's current value and says what changed since the last save.</summary>
    public void Save()
    {
        var before = Read([]).ToDictionary(e => e.Key, e => string.Join(",", e.Items.Select(i => i.Kind == JsonValueKind.Null ? "" : i.Text)));
        var changes = new List<string>();
        using (var stream = new MemoryStream())
        {
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (var parameter in _parameters)
                {
                    var value = parameter.GetValue(_build);
                    json.WritePropertyName(parameter.MemberName);
                    Write(json, value);
                    var text = ValueConverter.Format(value);
                    if (!before.TryGetValue(parameter.MemberName, out var old)) changes.Add($"{parameter.Option} {Shown(text)}");
                    else if (old != text) changes.Add($"{parameter.Option} {Shown(old)} -> {Shown(text)}");
                }
                json.WriteEndObject();
            }
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = Path + ".tmp";
            File.WriteAllBytes(temporary, stream.ToArray());
            File.Move(temporary, Path, overwrite: true);
        }
        if (changes.Count == 0) return;
        Log.Info(before.Count == 0
            ? $"Remembering the settings of {Label} in {DisplayPath}; later runs naming it use them: {string.Join(", ", changes)}"
            : $"Settings of {Label} changed and saved in {DisplayPath}: {string.Join(", ", changes)}");
    }

    internal void MarkSupplied(string member) => _supplied.Add(member);

    /// <summary>"deployment ux (.nuke/temp/settings/ux.json)" when the parameter's value in this run is the saved one; else null.</summary>
    public string? Supplied(string member) => _supplied.Contains(member) ? $"{Label} ({DisplayPath})" : null;

    /// <summary>Deletes the saved settings: later runs naming the key start from the defaults again.</summary>
    public void Forget()
    {
        if (!File.Exists(Path)) return;
        File.Delete(Path);
        Log.Info($"Forgot the settings of {Label} ({DisplayPath}): a later run naming it starts from the defaults and what its command line gives");
    }

    static string Shown(string text) => text.Length == 0 ? "(none)" : text;

    static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string[] items:
                json.WriteStartArray();
                foreach (var item in items) json.WriteStringValue(item);
                json.WriteEndArray();
                break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case double d: json.WriteNumberValue(d); break;
            default: json.WriteStringValue(ValueConverter.Format(value)); break;
        }
    }
}
