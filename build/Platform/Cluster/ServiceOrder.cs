using Mooc.Platform.Model;

namespace Mooc.Platform.Cluster;

/// <summary>The split between what migrations need and what must wait for them.</summary>
public static class ServiceOrder
{
    /// <summary>
    /// Services that take no traffic before migrations ran: those whose image runs a step, and
    /// everything depending on them (the ingress). The rest (databases, caches) is what the steps need.
    /// </summary>
    public static IReadOnlySet<string> GatedByMigrations(ClusterDeployment deployment)
    {
        var gated = deployment.Steps.Select(s => s.Service).ToHashSet();
        // Services come in dependency order, so one pass reaches every dependent.
        foreach (var service in deployment.Services)
            if (service.DependsOn.Any(gated.Contains)) gated.Add(service.Name);
        return gated;
    }

    public static ServiceDefinition Find(ClusterDeployment deployment, string name) =>
        deployment.Services.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"Platform '{deployment.Platform.Name}' has no enabled service '{name}'. Enabled: {string.Join(", ", deployment.Services.Select(s => s.Name))}.");
}
