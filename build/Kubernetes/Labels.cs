using Mooc.Platform.Model;

namespace Mooc.Kubernetes;

/// <summary>The recommended app.kubernetes.io labels; every list, wait and prune of a deployer is scoped by them.</summary>
public static class Labels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "mooc-build";

    /// <summary>On migration Job pods: the service whose image, env and secrets the step runs with (network policies let it reach what that service reaches).</summary>
    public const string RunsAs = "mooc.build/runs-as";

    /// <summary>On Jobs: the step's position in the platform's migration order (1-based).</summary>
    public const string StepOrder = "mooc.build/step-order";

    /// <summary>On pod templates: hash of the service's ConfigMap, so a config change rolls the pods.</summary>
    public const string ConfigHash = "mooc.build/config-hash";

    public const string ServerComponent = "server";
    public const string MigrationComponent = "migration";

    /// <summary>All recommended labels of an object named <paramref name="name"/> in <paramref name="component"/>.</summary>
    public static Dictionary<string, string> For(RenderContext context, string name, string component) => new()
    {
        [Name] = name,
        [Instance] = context.Instance,
        [Component] = component,
        [PartOf] = context.Platform.Name,
        [ManagedBy] = ManagedByValue,
    };

    /// <summary>What selects a service's pods (and nothing else: Job pods carry the migration component).</summary>
    public static Dictionary<string, string> Selector(RenderContext context, ServiceDefinition service) => new()
    {
        [Name] = service.Name,
        [Instance] = context.Instance,
        [Component] = ServerComponent,
    };
}
