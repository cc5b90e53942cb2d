using Mooc.Platform.Model;
using Mooc.Platform.Tls;

namespace Mooc.Platform.Cluster;

/// <summary>
/// One deployment of a platform: what to run, which image each recipe resolved to (recipe name to
/// image reference, e.g. "lms" to "mooc/lms:3f2a...") and its secrets. Nothing in it is particular
/// to an engine: where the public entry point answers is the engine's (<see cref="IClusterEngine.OpenEntryPointAsync"/>).
/// </summary>
public sealed record ClusterDeployment(
    string Name,
    PlatformDefinition Platform,
    IReadOnlyDictionary<string, string> Images,
    DeploymentSecrets Secrets)
{
    /// <summary>A deployment with its secrets loaded from the engine's store (generated on first use). <paramref name="images"/>: recipe name to built image reference.</summary>
    public static async Task<ClusterDeployment> PrepareAsync(IClusterEngine engine, string name, PlatformDefinition platform, IReadOnlyDictionary<string, string> images, CancellationToken ct) =>
        new(name, platform, images, await DeploymentSecrets.LoadOrCreateAsync(engine.SecretStore(platform.Name, name), name, platform.Secrets, ct));

    /// <summary>The enabled services, every one after those it depends on.</summary>
    public IReadOnlyList<ServiceDefinition> Services => Platform.EnabledServices;

    public IReadOnlyList<MigrationStep> Steps => Platform.EnabledMigrations;

    /// <summary>
    /// The certificate the public service serves HTTPS with (--tls); null: plain HTTP. Engines give it to the public
    /// service as files in <see cref="TlsDirectory"/> (tls.crt, tls.key), from the secret store, never in its image or environment.
    /// </summary>
    public TlsCertificate? Tls { get; init; }

    public const string TlsDirectory = "/run/mooc/tls";

    /// <summary>The image a service runs: the built reference for a recipe, else the service's own reference.</summary>
    public string ImageOf(ServiceDefinition service)
    {
        if (service.Image.Recipe is not { } recipe) return service.Image.Reference!;
        return Images.TryGetValue(recipe, out var reference)
            ? reference
            : throw new InvalidOperationException(
                $"Service '{service.Name}' uses image recipe '{recipe}', but no image was built for it (built: {string.Join(", ", Images.Keys)}). Run the Images target first.");
    }

    /// <summary>The service's environment (plus a step's own), with its secret references resolved.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(ServiceDefinition service, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in service.Env) environment[key] = value;
        foreach (var (key, secret) in service.SecretEnv) environment[key] = Secrets[secret];
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) environment[key] = value;
        // The fingerprint, not the key: a new certificate changes the public service's spec, so it is replaced and serves it.
        if (Tls is not null && service.Public is not null) environment["TLS_CERTIFICATE_SHA256"] = Tls.Sha256;
        return environment;
    }
}
