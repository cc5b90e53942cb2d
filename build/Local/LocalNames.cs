namespace Mooc.Local;

/// <summary>Names and labels of the Docker objects of a deployment; every list and removal filters on these labels.</summary>
public static class LocalNames
{
    public const string PlatformLabel = "app.kubernetes.io/part-of";
    public const string DeploymentLabel = "app.kubernetes.io/instance";
    public const string ServiceLabel = "app.kubernetes.io/name";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "mooc-build";
    public const string RoleLabel = "mooc.role";
    public const string ReplicaLabel = "mooc.replica";
    public const string SpecHashLabel = "mooc.spec-hash";

    public const string ServiceRole = "service";
    public const string StepRole = "step";

    public static string Network(string deployment) => $"mooc-{deployment}";
    public static string Container(string deployment, string service, int replica) => $"mooc-{deployment}-{service}-{replica}";
    public static string Volume(string deployment, string claim) => $"mooc-{deployment}-{claim}";
    public static string Step(string deployment, string step) => $"mooc-{deployment}-step-{step}";

    public static Dictionary<string, string> Labels(string platform, string deployment) => new(StringComparer.Ordinal)
    {
        [ManagedByLabel] = ManagedBy,
        [PlatformLabel] = platform,
        [DeploymentLabel] = deployment,
    };

    /// <summary>A Docker list filter matching the deployment's objects (and, given, one role).</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filter(string platform, string deployment, string? role = null)
    {
        var labels = new Dictionary<string, bool>
        {
            [$"{ManagedByLabel}={ManagedBy}"] = true,
            [$"{PlatformLabel}={platform}"] = true,
            [$"{DeploymentLabel}={deployment}"] = true,
        };
        if (role is not null) labels[$"{RoleLabel}={role}"] = true;
        return new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels };
    }

    /// <summary>A label's value, or null when the object has no such label.</summary>
    public static string? Label(this IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var value) ? value : null;
}
