using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Mooc.Build;

/// <summary>The verbs a target is defined with; NUKE's names, so a move to Nuke.Common is a package swap.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    /// <summary>These run first, and are pulled into the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>When both are in the plan, this runs after those. Pulls nothing in.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>When both are in the plan, this runs before those. Pulls nothing in.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>These join the plan and run after this one succeeds.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Decided before anything runs; a false condition skips the target, its source text is the reason shown.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>Decided just before the target runs, after its dependencies.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>The build stops before any target runs when one of these parameters has no value.</summary>
    ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters);

    /// <summary>
    /// Checks the inputs this target reads (a platform file, recipes) before the first target of the plan runs, as
    /// Requires does for parameters: a <see cref="BuildException"/> from it stops the build with exit code 2, having
    /// run and written nothing. Each check runs once per build, however many targets declare it.
    /// </summary>
    ITargetDefinition Validates(params Action[] checks);

    /// <summary>When this target succeeds, the [Remembered] parameters are saved under the [SettingsKey] parameter's value (a deployment's settings).</summary>
    ITargetDefinition SavesSettings();

    /// <summary>A failure of this target does not stop the targets after it that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Func<Task> action);
    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
