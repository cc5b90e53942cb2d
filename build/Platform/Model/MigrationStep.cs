namespace Mooc.Platform.Model;

/// <summary>
/// A one-off step run after the services are up (a Kubernetes Job, a one-off container locally), in declared order:
/// <paramref name="Command"/> in the image of <paramref name="Service"/>, with that service's env, secret env and
/// volumes, plus <paramref name="Env"/>.
/// </summary>
public sealed record MigrationStep(string Name, string Service, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Env)
{
    /// <summary>Services that must be enabled for this step to run (e.g. the OAuth client of ecommerce, created in the lms image).</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];
}
