using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Platform.Cluster;

/// <summary>
/// A deployment's secret values: generated once (cryptographically random) on its first deploy,
/// kept by the engine's <see cref="ISecretStore"/>, reused by every later run, and registered for
/// masking so no log line can show them. Never rendered, committed or printed.
/// </summary>
public sealed class DeploymentSecrets
{
    readonly IReadOnlyDictionary<string, string> _values;

    DeploymentSecrets(string deployment, string location, IReadOnlyDictionary<string, string> values)
    {
        Deployment = deployment;
        Location = location;
        _values = values;
    }

    public string Deployment { get; }

    /// <summary>Where they are kept (a file, or a Secret in a namespace).</summary>
    public string Location { get; }

    public IEnumerable<string> Names => _values.Keys;

    public string this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"Deployment '{Deployment}' has no secret '{name}' in {Location}. Declare it in the platform's secrets so it is generated.");

    /// <summary>Loads the deployment's secrets, generating and storing any of <paramref name="definitions"/> not there yet.</summary>
    public static async Task<DeploymentSecrets> LoadOrCreateAsync(ISecretStore store, string deployment, IEnumerable<SecretDefinition> definitions, CancellationToken ct)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in await store.ReadAsync(ct)) values[key] = value;
        foreach (var value in values.Values) SecretMaskingWriter.Register(value);

        var missing = definitions.Where(d => !values.ContainsKey(d.Name)).DistinctBy(d => d.Name).ToList();
        foreach (var definition in missing)
        {
            values[definition.Name] = GeneratedSecret.New(definition.Characters, definition.Length);
        }
        if (missing.Count > 0)
        {
            await store.WriteAsync(values, ct);
            Log.Info($"Generated secrets for deployment '{deployment}': {string.Join(", ", missing.Select(d => d.Name))} (kept in {store.Location})");
        }
        return new DeploymentSecrets(deployment, store.Location, values);
    }

    /// <summary>
    /// Drops the named values so the next <see cref="LoadOrCreateAsync"/> generates new ones; the next
    /// deploy then replaces every replica whose environment uses them (the database applies its
    /// passwords at every start, and the seed step runs again since its environment changed).
    /// </summary>
    public static async Task RotateAsync(ISecretStore store, string deployment, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var values = (await store.ReadAsync(ct)).ToDictionary();
        if (values.Count == 0) return;
        var unknown = names.Where(n => !values.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"Deployment '{deployment}' has no secret {string.Join(", ", unknown.Select(n => $"'{n}'"))} to rotate. It has: {string.Join(", ", values.Keys)}.");
        foreach (var name in names) values.Remove(name);
        await store.WriteAsync(values, ct);
    }
}
