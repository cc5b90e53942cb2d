namespace Mooc.Build;

/// <summary>
/// Pure planning: targets and a request in, an ordered plan out. Every error (unknown target,
/// circular dependency) is found here, before anything runs.
/// </summary>
public static class ExecutionPlanner
{
    /// <param name="skip">null: no --skip; empty: a bare --skip (run only the requested targets); else the targets to skip.</param>
    public static IReadOnlyList<PlannedTarget> Plan(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<string> requested, IReadOnlyList<string>? skip)
    {
        var byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        var requestedTargets = requested.Select(name => Find(byName, name)).ToList();
        var skipped = skip?.Select(name => Find(byName, name).Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        ThrowOnCycle(targets, byName);

        var inPlan = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<ExecutableTarget>(requestedTargets);
        while (pending.TryPop(out var target))
        {
            if (!inPlan.Add(target.Name)) continue;
            foreach (var name in target.DependsOn.Concat(target.Triggers)) pending.Push(byName[name]);
        }

        var ordered = TopologicalOrder(targets.Where(t => inPlan.Contains(t.Name)).ToList(), inPlan, byName);
        var requestedNames = requestedTargets.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return ordered.Select(t => new PlannedTarget(t, SkipReason(t, requestedNames, skipped))).ToList();
    }

    static string? SkipReason(ExecutableTarget target, HashSet<string> requested, HashSet<string>? skipped) => skipped switch
    {
        null => null,
        { Count: 0 } when !requested.Contains(target.Name) => "--skip (only the named targets run)",
        _ when skipped.Contains(target.Name) => "--skip",
        _ => null,
    };

    static ExecutableTarget Find(Dictionary<string, ExecutableTarget> byName, string name)
    {
        if (byName.TryGetValue(name, out var target)) return target;
        var suggestion = Suggestions.Closest(name, byName.Keys);
        throw new BuildException(
            $"Target '{name}' does not exist." + (suggestion is null ? "" : $" Did you mean '{suggestion}'?") +
            $" Available: {string.Join(", ", byName.Values.OrderBy(t => t.DeclarationIndex).Select(t => t.Name))}.");
    }

    static IEnumerable<string> Successors(ExecutableTarget target, Dictionary<string, ExecutableTarget> byName) =>
        target.Triggers.Concat(target.Before)
            .Concat(byName.Values.Where(other => other.DependsOn.Contains(target.Name, StringComparer.OrdinalIgnoreCase)
                                              || other.After.Contains(target.Name, StringComparer.OrdinalIgnoreCase)).Select(o => o.Name));

    static void ThrowOnCycle(IReadOnlyList<ExecutableTarget> targets, Dictionary<string, ExecutableTarget> byName)
    {
        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();

        void Visit(ExecutableTarget target)
        {
            state[target.Name] = 1;
            path.Add(target.Name);
            foreach (var next in Successors(target, byName))
            {
                var nextState = state.GetValueOrDefault(next);
                if (nextState == 1)
                {
                    var cycle = path.Skip(path.FindIndex(n => n.Equals(next, StringComparison.OrdinalIgnoreCase))).Append(next);
                    throw new BuildException($"Circular dependency: {string.Join(" -> ", cycle)}. Remove one of these relations (DependsOn, After, Before or Triggers).");
                }
                if (nextState == 0) Visit(byName[next]);
            }
            path.RemoveAt(path.Count - 1);
            state[target.Name] = 2;
        }

        foreach (var target in targets.OrderBy(t => t.DeclarationIndex))
            if (state.GetValueOrDefault(target.Name) == 0) Visit(target);
    }

    static List<ExecutableTarget> TopologicalOrder(List<ExecutableTarget> planned, HashSet<string> inPlan, Dictionary<string, ExecutableTarget> byName)
    {
        var incoming = planned.ToDictionary(t => t.Name, _ => 0, StringComparer.OrdinalIgnoreCase);
        var edges = planned.ToDictionary(t => t.Name, t => Successors(t, byName).Where(inPlan.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var successor in edges.Values.SelectMany(s => s)) incoming[successor]++;

        var ready = new PriorityQueue<ExecutableTarget, int>();
        foreach (var target in planned.Where(t => incoming[t.Name] == 0)) ready.Enqueue(target, target.DeclarationIndex);
        var order = new List<ExecutableTarget>();
        while (ready.TryDequeue(out var target, out _))
        {
            order.Add(target);
            foreach (var successor in edges[target.Name])
                if (--incoming[successor] == 0) ready.Enqueue(byName[successor], byName[successor].DeclarationIndex);
        }
        return order;
    }
}

public sealed record PlannedTarget(ExecutableTarget Target, string? SkipReason);
