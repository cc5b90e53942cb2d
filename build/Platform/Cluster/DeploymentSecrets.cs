using System.Security.Cryptography;
using System.Text.Json;
using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Platform.Cluster;

/// <summary>
/// A deployment's secret values: generated once (cryptographically random), kept root-only in
/// .nuke/temp/secrets/&lt;deployment&gt;.json (mode 0600), reused by every later run, and
/// registered for masking so no log line can show them. Never rendered, committed or printed.
/// </summary>
public sealed class DeploymentSecrets
{
    readonly IReadOnlyDictionary<string, string> _values;

    DeploymentSecrets(string deployment, string path, IReadOnlyDictionary<string, string> values)
    {
        Deployment = deployment;
        FilePath = path;
        _values = values;
    }

    public string Deployment { get; }
    public string FilePath { get; }
    public IEnumerable<string> Names => _values.Keys;

    public string this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"Deployment '{Deployment}' has no secret '{name}' in {FilePath}. Declare it in the platform's secrets so it is generated.");

    public static string PathFor(string deployment) => Path.Combine(RepositoryPaths.Temp, "secrets", deployment + ".json");

    /// <summary>Loads the deployment's secrets, generating any of <paramref name="definitions"/> not there yet.</summary>
    public static DeploymentSecrets LoadOrCreate(string deployment, IEnumerable<SecretDefinition> definitions)
    {
        var path = PathFor(deployment);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            try
            {
                foreach (var (key, value) in JsonSerializer.Deserialize(File.ReadAllText(path), ClusterJson.Default.DictionaryStringString) ?? [])
                    values[key] = value;
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"{path} is not a JSON object of secret names to values ({e.Message}). Fix it, or delete it to generate new secrets (then purge the deployment's volumes: the database keeps the old passwords).", e);
            }
        }

        var missing = definitions.Where(d => !values.ContainsKey(d.Name)).DistinctBy(d => d.Name).ToList();
        foreach (var definition in missing) values[definition.Name] = RandomNumberGenerator.GetString(definition.Characters, definition.Length);
        if (missing.Count > 0 || !File.Exists(path)) Write(path, values);
        else if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        foreach (var value in values.Values) SecretMaskingWriter.Register(value);
        if (missing.Count > 0) Log.Info($"Generated secrets for deployment '{deployment}': {string.Join(", ", missing.Select(d => d.Name))} (kept in {path}, mode 0600)");
        return new DeploymentSecrets(deployment, path, values);
    }

    /// <summary>
    /// Drops the named values so the next <see cref="LoadOrCreate"/> generates new ones; the next
    /// deploy then replaces every container whose environment uses them (the database applies its
    /// passwords at every start, and the seed step runs again since its environment changed).
    /// </summary>
    public static void Rotate(string deployment, IReadOnlyCollection<string> names)
    {
        var path = PathFor(deployment);
        if (!File.Exists(path)) return;
        var values = JsonSerializer.Deserialize(File.ReadAllText(path), ClusterJson.Default.SortedDictionaryStringString) ?? [];
        var unknown = names.Where(n => !values.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Deployment '{deployment}' has no secret {string.Join(", ", unknown.Select(n => $"'{n}'"))} to rotate. It has: {string.Join(", ", values.Keys)}.");
        foreach (var name in names) values.Remove(name);
        Write(path, values);
    }

    /// <summary>Forgets the deployment's secrets (Down --purge): the next deploy generates new ones.</summary>
    public static void Delete(string deployment)
    {
        var path = PathFor(deployment);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Writes to a private temporary file first and renames it, so an interrupted run never leaves half a file.</summary>
    static void Write(string path, SortedDictionary<string, string> values)
    {
        var directory = Path.GetDirectoryName(path)!;
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, ownerOnly | UnixFileMode.UserExecute);

        var temporary = path + $".{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerOnly;
        try
        {
            using (var stream = new FileStream(temporary, options))
                JsonSerializer.Serialize(stream, values, ClusterJson.Default.SortedDictionaryStringString);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
