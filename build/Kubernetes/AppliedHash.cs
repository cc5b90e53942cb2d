using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>What the engine applies to an object, as a hash it stamps on the object (<see cref="LabelNames.AppliedHash"/>).</summary>
public static class AppliedHash
{
    /// <summary>Hashes the object as it is now and stamps the hash on it; returns the hash.</summary>
    public static string Stamp(IKubernetesObject<V1ObjectMeta> obj)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(obj))))[..32];
        obj.Metadata.Annotations ??= new Dictionary<string, string>();
        obj.Metadata.Annotations[LabelNames.AppliedHash] = hash;
        return hash;
    }
}
