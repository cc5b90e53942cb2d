using k8s;
using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Mooc.Platform.Tests;

/// <summary>Both platforms rendered with the committed defaults, and helpers to look into pod templates.</summary>
static class RenderedObjects
{
    public static TheoryData<string> Platforms => new() { "reference", "openedx" };

    public static IReadOnlyList<RenderedObject> Of(string platform, RenderOptions? options = null) =>
        ManifestRenderer.Render(PlatformLoader.LoadByName(platform), options ?? new RenderOptions());

    public static IEnumerable<(RenderedObject Owner, V1PodTemplateSpec Template)> PodTemplates(IEnumerable<RenderedObject> objects) =>
        objects.Select(o => (o, o.Object switch
        {
            V1Deployment d => d.Spec.Template,
            V1StatefulSet s => s.Spec.Template,
            V1Job j => j.Spec.Template,
            _ => null,
        })).Where(x => x.Item2 is not null).Select(x => (x.o, x.Item2!));

    public static IEnumerable<V1Container> AllContainers(V1PodTemplateSpec template) =>
        template.Spec.Containers.Concat(template.Spec.InitContainers ?? []);

    public static T Single<T>(IEnumerable<RenderedObject> objects, string name) where T : IKubernetesObject<V1ObjectMeta> =>
        objects.Select(o => o.Object).OfType<T>().Single(o => o.Metadata.Name == name);
}
