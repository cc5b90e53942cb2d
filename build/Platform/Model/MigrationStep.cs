namespace Mooc.Platform.Model;

/// <summary>
/// A one-off step run after the services are up (a Kubernetes Job, a one-off container locally), in declared order:
/// <paramref name="Command"/> in the image of <paramref name="Service"/>, with that service's env, secret env and
/// volumes, plus <paramref name="Env"/>. The command replaces the image's entrypoint and arguments both (a Job's
/// <c>command</c> with no <c>args</c>, <c>docker run --entrypoint</c>): a step says all it runs.
/// </summary>
public sealed record MigrationStep(string Name, string Service, IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Env)
{
    /// <summary>Services that must be enabled for this step to run (e.g. the OAuth client of ecommerce, created in the lms image).</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>false leaves the step out (e.g. one that needs the internet, on a cluster without egress).</summary>
    public bool Enabled { get; init; } = true;
}
