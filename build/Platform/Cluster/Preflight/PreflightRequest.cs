using Mooc.Platform.Model;

namespace Mooc.Platform.Cluster.Preflight;

/// <summary>
/// What a deploy is about to run, for the checks before it: the platform, the deployment's name and
/// the images (recipe name to reference). No secrets: a preflight writes nothing a deploy keeps.
/// </summary>
/// <param name="CheckEgress">Also check that a pod reaches a name outside the cluster (the report's pods had no internet).</param>
public sealed record PreflightRequest(string Deployment, PlatformDefinition Platform, IReadOnlyDictionary<string, string> Images, bool CheckEgress = false)
{
    /// <summary>Every image the platform's services run, once each: built references for recipes, else the service's own.</summary>
    public IReadOnlyList<string> ServiceImages() => Platform.EnabledServices
        .Select(s => s.Image.Recipe is { } recipe ? Images.GetValueOrDefault(recipe) ?? $"(recipe {recipe}, not built)" : s.Image.Reference!)
        .Distinct()
        .ToList();
}
