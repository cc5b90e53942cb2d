namespace Mooc.Build;

/// <summary>
/// A target is a property returning this delegate, as in NUKE:
/// <c>Target Deploy =&gt; _ =&gt; _.DependsOn(Images).Executes(...)</c>. The delegate only records
/// the definition; the engine decides when, and whether, to run it.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition _);
