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
        .Select(s => ReferenceOf(s) ?? $"(recipe {s.Image.Recipe}, not built)")
        .Distinct()
        .ToList();

    /// <summary>The images of <see cref="ServiceImages"/> that have a reference: a recipe not built yet has none.</summary>
    public IReadOnlyList<string> ReferencedImages() => Platform.EnabledServices.Select(ReferenceOf).OfType<string>().Distinct().ToList();

    string? ReferenceOf(ServiceDefinition service) =>
        service.Image.Recipe is { } recipe ? Images.GetValueOrDefault(recipe) : service.Image.Reference;
}
