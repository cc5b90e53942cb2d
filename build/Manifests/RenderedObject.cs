using k8s;
using k8s.Models;

namespace Mooc.Manifests;

/// <summary>One rendered Kubernetes object, in apply order, with the file it is written to.</summary>
/// <param name="FileName">e.g. 30-statefulset-mysql.yaml; sorting by it gives the apply order.</param>
public sealed record RenderedObject(string FileName, IKubernetesObject<V1ObjectMeta> Object)
{
    public string Kind => Object.Kind;
    public string Name => Object.Metadata.Name;

    /// <summary>The object as YAML with '\n' line ends and a final newline, exactly as written to its file.</summary>
    public string ToYaml() => ManifestYaml.Serialize(Object).ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
}
