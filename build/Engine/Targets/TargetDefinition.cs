using System.Linq.Expressions;

namespace Mooc.Build;

/// <summary>Records what a target's definition says; does nothing else.</summary>
internal sealed class TargetDefinition(string name) : ITargetDefinition
{
    public string Name { get; } = name;
    public string? DescriptionText { get; private set; }
    public List<Target> Dependencies { get; } = [];
    public List<Target> RunsAfter { get; } = [];
    public List<Target> RunsBefore { get; } = [];
    public List<Target> Triggered { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> DynamicConditions { get; } = [];
    public List<Requirement> Requirements { get; } = [];
    public List<Action> Checks { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public bool ContinuesAfterFailure { get; private set; }
    public bool SavesRememberedSettings { get; private set; }

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { Dependencies.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { RunsAfter.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { RunsBefore.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { Triggered.AddRange(targets); return this; }
    public ITargetDefinition ProceedAfterFailure() { ContinuesAfterFailure = true; return this; }
    public ITargetDefinition SavesSettings() { SavesRememberedSettings = true; return this; }

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? conditionText = null)
    {
        StaticConditions.Add(new Condition(condition, conditionText ?? "condition"));
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? conditionText = null)
    {
        DynamicConditions.Add(new Condition(condition, conditionText ?? "condition"));
        return this;
    }

    public ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters)
    {
        foreach (var parameter in parameters)
        {
            var member = parameter.Body is MemberExpression m ? m.Member.Name
                : parameter.Body is UnaryExpression { Operand: MemberExpression um } ? um.Member.Name
                : parameter.Body.ToString();
            var read = parameter.Compile();
            Requirements.Add(new Requirement(member, () => read()));
        }
        return this;
    }

    public ITargetDefinition Validates(params Action[] checks) { Checks.AddRange(checks); return this; }

    public ITargetDefinition Executes(Action action) => Executes(_ => { action(); return Task.CompletedTask; });
    public ITargetDefinition Executes(Func<Task> action) => Executes(_ => action());
    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }
}

internal sealed record Condition(Func<bool> Evaluate, string Text);

internal sealed record Requirement(string MemberName, Func<object?> Read)
{
    public bool IsMet => Read() switch
    {
        null => false,
        bool b => b,
        string s => !string.IsNullOrWhiteSpace(s),
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };
}
