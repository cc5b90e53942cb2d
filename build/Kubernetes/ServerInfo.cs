using System.Text.RegularExpressions;
using k8s;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// What the API server is and serves (its /version and /api, /apis discovery): this decides what
/// is applied, e.g. the PodDisruptionBudget's apiVersion.
/// </summary>
public sealed partial record ServerInfo(string GitVersion, int Major, int Minor, IReadOnlySet<string> GroupVersions)
{
    /// <summary>The oldest release the engine supports: the test cluster's (Debian bookworm's kubernetes).</summary>
    public const int OldestMinor = 20;

    public static async Task<ServerInfo> DiscoverAsync(IKubernetes client, CancellationToken ct)
    {
        var version = await client.Version.GetCodeAsync(ct);
        var groups = await client.Apis.GetAPIVersionsAsync(ct);
        var core = await client.Core.GetAPIVersionsAsync(ct);
        var served = new HashSet<string>(groups.Groups.SelectMany(g => g.Versions.Select(v => v.GroupVersion)));
        served.UnionWith(core.Versions);
        return new ServerInfo(version.GitVersion, Number(version.Major), Number(version.Minor), served);
    }

    /// <summary>Stops below the oldest supported release, saying which it found.</summary>
    public void EnsureSupported(string cluster)
    {
        if (Major < 1 || (Major == 1 && Minor < OldestMinor))
            throw new BuildException($"--cluster {cluster}: the API server is Kubernetes {GitVersion}; the pipeline supports 1.{OldestMinor} and later. Upgrade the cluster, or deploy on another one.");
    }

    /// <summary>Managed clusters report minors such as "27+".</summary>
    static int Number(string text) => LeadingDigits().Match(text) is { Success: true } m ? int.Parse(m.Value) : 0;

    [GeneratedRegex(@"^\d+")]
    private static partial Regex LeadingDigits();
}
