using System.Diagnostics;

namespace Mooc.Build;

/// <summary>Runs a plan in order: conditions, dependencies' outcomes, failures and cancellation decide each status.</summary>
public static class TargetExecutor
{
    static readonly AsyncLocal<ExecutableTarget?> CurrentTarget = new();

    /// <summary>The target whose actions are running now, for ReportSummary.</summary>
    public static ExecutableTarget? Current => CurrentTarget.Value;

    public static async Task RunAsync(IReadOnlyList<PlannedTarget> plan, CancellationToken ct)
    {
        var stopAll = false;
        var failed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (target, skipReason) in plan)
        {
            if (skipReason is not null)
            {
                Skip(target, skipReason);
                continue;
            }
            var failedDependency = target.DependsOn.FirstOrDefault(failed.Contains);
            if (stopAll || failedDependency is not null || ct.IsCancellationRequested)
            {
                target.Status = TargetStatus.NotRun;
                if (failedDependency is not null) failed.Add(target.Name);
                continue;
            }
            if (target.Definition.StaticConditions.FirstOrDefault(c => !c.Evaluate()) is { } staticCondition)
            {
                Skip(target, $"OnlyWhenStatic: {staticCondition.Text}");
                continue;
            }
            if (target.Definition.DynamicConditions.FirstOrDefault(c => !c.Evaluate()) is { } dynamicCondition)
            {
                Skip(target, $"OnlyWhenDynamic: {dynamicCondition.Text}");
                continue;
            }

            await RunOneAsync(target, ct);
            if (target.Status == TargetStatus.Failed)
            {
                failed.Add(target.Name);
                if (!target.Definition.ContinuesAfterFailure) stopAll = true;
            }
        }
    }

    static void Skip(ExecutableTarget target, string reason)
    {
        target.Status = TargetStatus.Skipped;
        target.SkipReason = reason;
        Log.Debug($"── {target.Name}: skipped ({reason})");
    }

    static async Task RunOneAsync(ExecutableTarget target, CancellationToken ct)
    {
        GitHubActions.BeginGroup(target.Name);
        Log.Info($"── {target.Name} " + new string('─', Math.Max(3, 60 - target.Name.Length)));
        var stopwatch = Stopwatch.StartNew();
        target.Status = TargetStatus.Running;
        CurrentTarget.Value = target;
        try
        {
            foreach (var action in target.Definition.Actions)
                await action(ct);
            if (target.Definition.SavesRememberedSettings) RememberedSettings.Current?.Save();
            target.Status = TargetStatus.Succeeded;
        }
        catch (Exception e)
        {
            target.Status = TargetStatus.Failed;
            target.Failure = e is OperationCanceledException && ct.IsCancellationRequested ? "cancelled" : FirstLine(e.Message);
            Log.Error($"Target {target.Name} failed: {(e is OperationCanceledException && ct.IsCancellationRequested ? "cancelled" : e.Message)}");
            WriteDetails(target, e);
            GitHubActions.Error($"Target {target.Name} failed", e.Message);
        }
        finally
        {
            CurrentTarget.Value = null;
            target.Duration = stopwatch.Elapsed;
            GitHubActions.EndGroup();
        }
    }

    static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>Exceptions that point at a bug in the pipeline rather than at something the user can mend.</summary>
    static bool IsBug(Exception e) => e is NullReferenceException or ArgumentNullException or IndexOutOfRangeException
        or KeyNotFoundException or InvalidCastException or NotImplementedException or ArgumentOutOfRangeException;

    /// <summary>The whole exception is always kept; the pointer to it is printed only where the message alone will not do.</summary>
    static void WriteDetails(ExecutableTarget target, Exception e)
    {
        var path = Path.Combine(RepositoryPaths.Temp, "last-error.log");
        File.WriteAllText(path, SecretMaskingWriter.MaskText($"{target.Name}: {e}"));
        if (IsBug(e)) Log.Error($"{e.GetType().Name}: a bug in the pipeline; the full trace is in {path}");
    }
}
