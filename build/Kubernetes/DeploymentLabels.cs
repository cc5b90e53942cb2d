using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>The label selectors that scope every list, wait and delete to one deployment of one platform, never to a namespace alone.</summary>
public static class DeploymentLabels
{
    public const string SecretsComponent = "secrets";
    public const string StateComponent = "state";

    /// <summary>Everything of the deployment, whatever its component.</summary>
    public static string Selector(string platform, string deployment) =>
        $"{LabelNames.ManagedBy}={LabelNames.ManagedByValue},{LabelNames.PartOf}={platform},{LabelNames.Instance}={deployment}";

    /// <summary>The pods of the deployment's services (not its Jobs'), or of one service when named.</summary>
    public static string ServerPods(string platform, string deployment, string? service = null) =>
        Selector(platform, deployment) + $",{LabelNames.Component}={Manifests.Labels.ServerComponent}" + (service is null ? "" : $",{LabelNames.Name}={service}");

    /// <summary>What the renderer makes (and prune may remove): not the secrets, the engine's state or the migration Jobs.</summary>
    public static string RenderedSelector(string platform, string deployment) =>
        Selector(platform, deployment) + $",{LabelNames.Component} notin ({SecretsComponent},{StateComponent},{Manifests.Labels.MigrationComponent})";

    /// <summary>The labels of an object the engine makes itself (a Secret, its state).</summary>
    public static Dictionary<string, string> For(string platform, string deployment, string component) => new()
    {
        [LabelNames.ManagedBy] = LabelNames.ManagedByValue,
        [LabelNames.PartOf] = platform,
        [LabelNames.Instance] = deployment,
        [LabelNames.Component] = component,
    };
}
