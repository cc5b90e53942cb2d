namespace Mooc.Platform.Model;

/// <summary>
/// A platform as read from manifests/&lt;name&gt;/platform.yaml and validated: the services, the secrets they
/// use, the migration and seed steps run after a deploy, and the smoke checks that judge it.
/// </summary>
/// <param name="Name">The platform's name (a Kubernetes DNS label), e.g. "reference".</param>
/// <param name="SourceFile">Full path of the platform.yaml it was read from.</param>
/// <param name="Parameters">Values substituted for ${name} in image references (defaults merged with overrides).</param>
/// <param name="Services">In dependency order: a service comes after everything it depends on.</param>
/// <param name="Migrations">Run in this order after the services are up; each is idempotent.</param>
public sealed record PlatformDefinition(
    string Name,
    string SourceFile,
    string? Description,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<ServiceDefinition> Services,
    IReadOnlyList<SecretDefinition> Secrets,
    IReadOnlyList<MigrationStep> Migrations,
    IReadOnlyList<SmokeCheck> SmokeChecks)
{
    /// <summary>
    /// The one-off step that removes a smoke or load test run's accounts and what they wrote; the pipeline runs its
    /// command with <c>--run RUN</c> appended (the id the run's registrations sent in X-Test-Run). Null: the platform
    /// cannot, and test accounts stay.
    /// </summary>
    public MigrationStep? TestDataCleanup { get; init; }

    /// <summary>The services switched on, in dependency order.</summary>
    public IReadOnlyList<ServiceDefinition> EnabledServices => Services.Where(s => s.Enabled).ToList();

    /// <summary>Migration steps switched on whose service and required services are enabled, in their declared order.</summary>
    public IReadOnlyList<MigrationStep> EnabledMigrations =>
        Migrations.Where(m => m.Enabled && m.Requires.Prepend(m.Service).All(name => Services.Any(s => s.Name == name && s.Enabled))).ToList();

    public ServiceDefinition Service(string name) =>
        Services.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"Platform '{Name}' ({SourceFile}) has no service '{name}'. Services: {string.Join(", ", Services.Select(s => s.Name))}.");

    public SecretDefinition Secret(string name) =>
        Secrets.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"Platform '{Name}' ({SourceFile}) has no secret '{name}'. Secrets: {string.Join(", ", Secrets.Select(s => s.Name))}.");

    /// <summary>The service exposed through the public entry (ingress), if any is enabled.</summary>
    public ServiceDefinition? PublicService => EnabledServices.FirstOrDefault(s => s.Public is not null);
}
