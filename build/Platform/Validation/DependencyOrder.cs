using Mooc.Platform.Model;

namespace Mooc.Platform.Validation;

/// <summary>Orders services so each comes after what it depends on (declared order breaks ties), and finds cycles.</summary>
public static class DependencyOrder
{
    /// <summary>Every dependency cycle, each as the path that closes it (a -> b -> a); dependencies on unknown services are ignored here.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> FindCycles(IReadOnlyList<ServiceDefinition> services)
    {
        var byName = services.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        var state = new Dictionary<string, bool>(); // false: on the current path, true: done
        var cycles = new List<IReadOnlyList<string>>();
        var path = new List<string>();

        void Visit(string name)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done) cycles.Add([.. path.SkipWhile(p => p != name), name]);
                return;
            }
            state[name] = false;
            path.Add(name);
            foreach (var dependency in byName[name].DependsOn.Where(byName.ContainsKey)) Visit(dependency);
            path.RemoveAt(path.Count - 1);
            state[name] = true;
        }

        foreach (var service in services) Visit(service.Name);
        return cycles;
    }

    /// <summary>Services sorted so dependencies come first; the input must be free of cycles.</summary>
    public static IReadOnlyList<ServiceDefinition> Sort(IReadOnlyList<ServiceDefinition> services)
    {
        var byName = services.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        var sorted = new List<ServiceDefinition>();
        var placed = new HashSet<string>();

        void Place(ServiceDefinition service)
        {
            if (!placed.Add(service.Name)) return;
            foreach (var dependency in service.DependsOn.Where(byName.ContainsKey)) Place(byName[dependency]);
            sorted.Add(service);
        }

        foreach (var service in services) Place(service);
        return sorted;
    }
}
