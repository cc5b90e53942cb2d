using Mooc.Platform.Model;

namespace Mooc.Platform.Cluster;

/// <summary>The split between what migrations need and what must wait for them.</summary>
public static class ServiceOrder
{
    /// <summary>
    /// The data services, in dependency order: what the migration steps need (databases, caches).
    /// The rest takes no traffic before migrations ran: the services whose image runs a step, and
    /// everything depending on them (the ingress).
    /// </summary>
    public static IReadOnlyList<string> DataServices(ClusterDeployment deployment)
    {
        var gated = deployment.Steps.Select(s => s.Service).ToHashSet();
        // Services come in dependency order, so one pass reaches every dependent.
        foreach (var service in deployment.Services)
            if (service.DependsOn.Any(gated.Contains)) gated.Add(service.Name);
        return deployment.Services.Select(s => s.Name).Where(n => !gated.Contains(n)).ToList();
    }

    /// <summary>The services named (--service), all when null, in dependency order; a name the platform has not enabled is refused.</summary>
    public static IReadOnlyList<ServiceDefinition> Named(ClusterDeployment deployment, IReadOnlyCollection<string>? names)
    {
        if (names?.FirstOrDefault(n => deployment.Services.All(s => s.Name != n)) is { } unknown)
            throw new ArgumentException($"Platform '{deployment.Platform.Name}' has no enabled service '{unknown}' (--service). Services: {string.Join(", ", deployment.Services.Select(s => s.Name))}.");
        return deployment.Services.Where(s => names is null || names.Contains(s.Name)).ToList();
    }

    public static ServiceDefinition Find(ClusterDeployment deployment, string name) =>
        deployment.Services.FirstOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"Platform '{deployment.Platform.Name}' has no enabled service '{name}'. Enabled: {string.Join(", ", deployment.Services.Select(s => s.Name))}.");
}
