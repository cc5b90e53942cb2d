using Mooc.Platform.Model;

namespace Mooc.Manifests;

/// <summary>The platform and options of one render, with the values every builder derives from them.</summary>
public sealed record RenderContext(PlatformDefinition Platform, RenderOptions Options)
{
    public string Namespace => Options.Namespace ?? Platform.Name;
    public string Instance => Options.Instance ?? Namespace;

    /// <summary>The claims' storage class: the option's, else with static volumes the class they and their volumes share, else null (the cluster's default).</summary>
    public string? ClaimStorageClass => Options.StorageClass ?? (Options.StaticVolumes is null ? null : StaticVolumes.DefaultStorageClass);

    /// <summary>The Secret the deployer creates with generated values, one key per platform secret name.</summary>
    public string SecretName => ManifestRenderer.SecretName(Platform.Name);

    public IReadOnlyList<ServiceDefinition> Services => Platform.EnabledServices;

    public string ImageOf(ServiceDefinition service)
    {
        if (service.Image.Recipe is not { } recipe) return service.Image.Reference!;
        if (Options.Images.Count == 0) return service.Image.DefaultReference;
        return Options.Images.TryGetValue(recipe, out var reference)
            ? reference
            : throw new InvalidOperationException(
                $"The image map has no entry for recipe '{recipe}' (service '{service.Name}' in {Platform.SourceFile}); it has: {string.Join(", ", Options.Images.Keys)}. Build the recipe with the Images target or pass no map to render mooc/{recipe}.");
    }

    /// <summary>Services that depend on <paramref name="service"/> and are enabled.</summary>
    public IReadOnlyList<ServiceDefinition> DependantsOf(ServiceDefinition service) =>
        Services.Where(s => s.DependsOn.Contains(service.Name)).ToList();
}
