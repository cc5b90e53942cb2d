using Mooc.Build;

namespace Mooc.Local;

/// <summary>Names and labels (keys from <see cref="LabelNames"/>) of the Docker objects of a deployment; every list and removal filters on these labels.</summary>
public static class LocalNames
{
    public const string ServiceRole = "service";
    public const string StepRole = "step";

    public static string Network(string deployment) => $"mooc-{deployment}";
    public static string Container(string deployment, string service, int replica) => $"mooc-{deployment}-{service}-{replica}";
    public static string Volume(string deployment, string claim) => $"mooc-{deployment}-{claim}";
    public static string Step(string deployment, string step) => $"mooc-{deployment}-step-{step}";

    public static Dictionary<string, string> Labels(string platform, string deployment) => new(StringComparer.Ordinal)
    {
        [LabelNames.ManagedBy] = LabelNames.ManagedByValue,
        [LabelNames.PartOf] = platform,
        [LabelNames.Instance] = deployment,
    };

    /// <summary>A Docker list filter matching the deployment's objects (and, given, one role).</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filter(string platform, string deployment, string? role = null)
    {
        var labels = new Dictionary<string, bool>
        {
            [$"{LabelNames.ManagedBy}={LabelNames.ManagedByValue}"] = true,
            [$"{LabelNames.PartOf}={platform}"] = true,
            [$"{LabelNames.Instance}={deployment}"] = true,
        };
        if (role is not null) labels[$"{LabelNames.Role}={role}"] = true;
        return new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels };
    }
}
