using k8s.Models;

namespace Mooc.Manifests.Builders;

static class NamespaceBuilder
{
    public static V1Namespace Build(RenderContext context) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = context.Namespace, Labels = Labels.For(context, context.Platform.Name, "namespace") },
    };
}
