using System.Security.Cryptography;
using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>
/// The accounts smoke and load tests register on a deployment, with what they wrote (enrollments, submissions,
/// tracking events). Each run has an id its registrations send (X-Test-Run), so the platform marks those accounts
/// as the run's; after the run, the platform's own testDataCleanup step (a one-off, as the migrations run) removes
/// exactly them, on either engine. A platform without that step keeps them, and the run says so.
/// </summary>
public static class TestData
{
    /// <summary>"smoke-20261130-150102-a1b2c3": the kind of test, when it started, and a random part so two runs never share one.</summary>
    public static string NewRun(string kind) => $"{kind}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    public static async Task RemoveAsync(IClusterEngine engine, ClusterDeployment deployment, string run, TimeSpan deadline, CancellationToken ct)
    {
        if (deployment.Platform.TestDataCleanup is not { } cleanup)
        {
            Log.Warn($"Platform '{deployment.Platform.Name}' has no testDataCleanup step: the accounts test run {run} registered stay in deployment '{deployment.Name}'");
            return;
        }
        var step = cleanup with { Command = [.. cleanup.Command, "--run", run] };
        var outcome = await engine.RunStepAsync(deployment, step, deadline, ct);
        if (!outcome.Succeeded)
            throw new InvalidOperationException(
                $"Removing the accounts of test run {run} failed (step {step.Name}, exit code {outcome.ExitCode}); they stay, marked with the run. Its last lines:\n  "
                + string.Join("\n  ", outcome.LastLines(20)));
    }
}
