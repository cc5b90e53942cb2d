using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Manifests;

/// <summary>The labels of rendered objects (keys from <see cref="LabelNames"/>); every list, wait and prune of a deployer is scoped by them.</summary>
public static class Labels
{
    public const string ServerComponent = "server";
    public const string MigrationComponent = "migration";

    /// <summary>All recommended labels of an object named <paramref name="name"/> in <paramref name="component"/>.</summary>
    public static Dictionary<string, string> For(RenderContext context, string name, string component) => new()
    {
        [LabelNames.Name] = name,
        [LabelNames.Instance] = context.Instance,
        [LabelNames.Component] = component,
        [LabelNames.PartOf] = context.Platform.Name,
        [LabelNames.ManagedBy] = LabelNames.ManagedByValue,
    };

    /// <summary>What selects a service's pods (and nothing else: Job pods carry the migration component).</summary>
    public static Dictionary<string, string> Selector(RenderContext context, ServiceDefinition service) => new()
    {
        [LabelNames.Name] = service.Name,
        [LabelNames.Instance] = context.Instance,
        [LabelNames.Component] = ServerComponent,
    };
}
