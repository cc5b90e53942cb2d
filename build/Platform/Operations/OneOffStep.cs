using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Platform.Operations;

/// <summary>An operator's command run once in a service's image on the deployment's engine (a container, or a Job), its output shown; a failure throws with its last lines.</summary>
public static class OneOffStep
{
    public static async Task<StepOutcome> RunAsync(IClusterEngine engine, ClusterDeployment deployment, MigrationStep step, TimeSpan deadline, CancellationToken ct)
    {
        Log.Info($"Step {step.Name}: {string.Join(' ', step.Command)} (image of {step.Service})");
        var outcome = await engine.RunStepAsync(deployment, step, deadline, ct);
        if (!outcome.Succeeded)
            throw new InvalidOperationException(
                $"Step '{step.Name}' failed with exit code {outcome.ExitCode}. Its last lines:\n  " + string.Join("\n  ", outcome.LastLines(20))
                + "\nIt runs against the deployment's services: './build.sh Deploy' starts them.");
        return outcome;
    }
}
