using System.Security.Cryptography;
using Mooc.Build;

namespace Mooc.Docker;

/// <summary>
/// The labels that tie a Docker object to the run (this process) that made it: a run id, the pid
/// and the host, and its lifetime. Objects that go with the run (build containers, step containers,
/// test objects) are removed by the run when done, and by <see cref="LeftoverReaper"/> when the run
/// died first; objects that belong to a deployment only say which run made them.
/// </summary>
public static class RunLabels
{
    public const string RunLifetime = "run";
    public const string DeploymentLifetime = "deployment";

    /// <summary>Kept on purpose for a person to inspect (--keep-failed): removed by hand, never by the reaper.</summary>
    public const string KeptLifetime = "kept";

    /// <summary>This process's run; a fresh id per process, so a reused pid is never mistaken for it.</summary>
    public static string RunId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Labels for what this run makes and removes when done.</summary>
    public static Dictionary<string, string> Transient() => With(new Dictionary<string, string>(StringComparer.Ordinal), RunLifetime);

    /// <summary>Adds the run's labels to <paramref name="labels"/> with the given lifetime, and returns them.</summary>
    public static T With<T>(T labels, string lifetime) where T : IDictionary<string, string>
    {
        labels[LabelNames.Run] = RunId;
        labels[LabelNames.RunPid] = Environment.ProcessId.ToString();
        labels[LabelNames.RunHost] = Environment.MachineName;
        labels[LabelNames.Lifetime] = lifetime;
        return labels;
    }

    /// <summary>
    /// Empties the run's labels in an image's labels: a commit copies the build container's labels into
    /// the image (and from it into every container made of it), which must not pass for leftovers of that build.
    /// </summary>
    public static void Blank(IDictionary<string, string> labels)
    {
        foreach (var key in new[] { LabelNames.Run, LabelNames.RunPid, LabelNames.RunHost, LabelNames.Lifetime }) labels[key] = "";
    }

    /// <summary>A Docker list filter for everything that goes with a run, this one or any other.</summary>
    public static IDictionary<string, IDictionary<string, bool>> TransientFilter() =>
        new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{LabelNames.Lifetime}={RunLifetime}"] = true } };
}
