namespace Mooc.Build;

/// <summary>A target with its relations resolved to names, and its outcome once run.</summary>
public sealed class ExecutableTarget
{
    internal ExecutableTarget(TargetDefinition definition, IReadOnlyList<string> dependsOn, IReadOnlyList<string> after,
        IReadOnlyList<string> before, IReadOnlyList<string> triggers, int declarationIndex)
    {
        Definition = definition;
        DependsOn = dependsOn;
        After = after;
        Before = before;
        Triggers = triggers;
        DeclarationIndex = declarationIndex;
    }

    internal TargetDefinition Definition { get; }
    public string Name => Definition.Name;
    public string Description => Definition.DescriptionText ?? "";
    public IReadOnlyList<string> DependsOn { get; }
    public IReadOnlyList<string> After { get; }
    public IReadOnlyList<string> Before { get; }
    public IReadOnlyList<string> Triggers { get; }
    public int DeclarationIndex { get; }

    public TargetStatus Status { get; internal set; } = TargetStatus.NotRun;
    public TimeSpan Duration { get; internal set; }
    public string? SkipReason { get; internal set; }
    public string? Failure { get; internal set; }
    public List<(string Key, string Value)> SummaryPairs { get; } = [];

    public override string ToString() => Name;
}
