using k8s;
using k8s.Models;
using Mooc.Manifests.Builders;
using Mooc.Platform.Model;

namespace Mooc.Manifests;

/// <summary>
/// Renders a platform's enabled services and steps to Kubernetes objects in apply order: Namespace, ConfigMaps,
/// PersistentVolumes (only with <see cref="RenderOptions.StaticVolumes"/>; their files sort before the claims'),
/// PersistentVolumeClaims, StatefulSets, Deployments, Services, Ingress, Jobs (in step order), NetworkPolicies,
/// PodDisruptionBudgets; name order within a kind. No Secret is rendered: workloads reference
/// <see cref="SecretName"/>, which the deployer creates with generated values.
/// </summary>
public static class ManifestRenderer
{
    /// <summary>The Secret the deployer must create in the namespace: one key per platform secret name (e.g. mysql-password).</summary>
    public static string SecretName(string platform) => $"{platform}-secrets";

    public static IReadOnlyList<RenderedObject> Render(PlatformDefinition platform, RenderOptions options)
    {
        var context = new RenderContext(platform, options);
        var services = context.Services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var objects = new List<RenderedObject> { Named(0, NamespaceBuilder.Build(context)) };
        objects.AddRange(services.Select(s => ConfigMapBuilder.Build(context, s)).OfType<V1ConfigMap>().Select(o => Named(10, o)));
        objects.AddRange(StaticVolumeBuilder.Build(context).Select(o => Named(20, o)));
        objects.AddRange(ClaimBuilder.Build(context).Select(o => Named(20, o)));
        objects.AddRange(services.Select(s => WorkloadBuilder.Build(context, s)).Select(o => Named(o is V1StatefulSet ? 30 : 31, o)));
        objects.AddRange(services.SelectMany(s => ServiceBuilder.Build(context, s)).Select(o => Named(40, o)));
        if (IngressBuilder.Build(context) is { } ingress) objects.Add(Named(50, ingress));
        objects.AddRange(platform.EnabledMigrations.Select((step, i) => Named(60, JobBuilder.Build(context, step, i + 1), $"{i + 1:D2}-")));
        objects.AddRange(services.Select(s => NetworkPolicyBuilder.Build(context, s)).OfType<V1NetworkPolicy>().Select(o => Named(70, o)));
        objects.AddRange(services.Select(s => DisruptionBudgetBuilder.Build(context, s)).OfType<V1PodDisruptionBudget>().Select(o => Named(80, o)));
        return objects.OrderBy(o => o.FileName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// One step's Job alone, as <see cref="Render"/> renders it among the rest; a one-off step that is not among the
    /// platform's migrations (a test-data cleanup, an import) is ordered after them.
    /// </summary>
    public static V1Job RenderStep(PlatformDefinition platform, RenderOptions options, MigrationStep step)
    {
        var position = platform.EnabledMigrations.Select(m => m.Name).ToList().IndexOf(step.Name);
        return JobBuilder.Build(new RenderContext(platform, options), step, (position < 0 ? platform.EnabledMigrations.Count : position) + 1);
    }

    static RenderedObject Named(int rank, IKubernetesObject<V1ObjectMeta> obj, string prefix = "") =>
        new($"{rank:D2}-{obj.Kind.ToLowerInvariant()}-{prefix}{obj.Metadata.Name}.yaml", obj);
}
