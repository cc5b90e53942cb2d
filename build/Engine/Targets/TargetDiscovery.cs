using System.Reflection;

namespace Mooc.Build;

/// <summary>
/// Finds the build's Target properties and resolves their relations to names. A Target delegate
/// is known by its compiled method, which is the same on every access of the property.
/// </summary>
public static class TargetDiscovery
{
    public static IReadOnlyList<ExecutableTarget> Discover(object build)
    {
        var properties = build.GetType()
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(Target))
            .OrderBy(p => p.MetadataToken)
            .ToList();
        var names = new Dictionary<MethodInfo, string>();
        var definitions = new List<TargetDefinition>();
        foreach (var property in properties)
        {
            var target = (Target)property.GetValue(build)!;
            names[target.Method] = property.Name;
            var definition = new TargetDefinition(property.Name);
            target(definition);
            definitions.Add(definition);
        }

        string NameOf(Target target, TargetDefinition owner) =>
            names.TryGetValue(target.Method, out var name) ? name
                : throw new BuildException($"Target {owner.Name} refers to a target that is not a Target property of {build.GetType().Name}.");

        IReadOnlyList<string> Resolve(IEnumerable<Target> targets, TargetDefinition owner) => targets.Select(t => NameOf(t, owner)).Distinct().ToList();

        return definitions.Select((d, index) => new ExecutableTarget(d,
            Resolve(d.Dependencies, d), Resolve(d.RunsAfter, d), Resolve(d.RunsBefore, d), Resolve(d.Triggered, d), index)).ToList();
    }
}
