using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>
/// Runs the platform's migration and seed steps, in order, each waited for and never cut off
/// half-way by a Ctrl-C (see <see cref="Interruption"/>). Skipped when the last
/// successful run on this deployment's data ran the same steps with the same images and commands
/// and environment (the engine keeps that fingerprint with the deployment's storage, so a purge forgets it).
/// </summary>
public static class Migrations
{
    public const string MarkerKey = "migrations";

    /// <returns>True when steps ran, false when skipped as up to date.</returns>
    public static async Task<bool> RunAsync(IClusterEngine engine, ClusterDeployment deployment, TimeSpan stepDeadline, bool force, CancellationToken ct)
    {
        var steps = deployment.Steps;
        if (steps.Count == 0)
        {
            Log.Info($"Platform '{deployment.Platform.Name}' has no migration or seed steps");
            return false;
        }

        var fingerprint = Fingerprint(deployment);
        if (!force && await engine.ReadMarkerAsync(deployment, MarkerKey, ct) == fingerprint)
        {
            Log.Info($"Migrations up to date: the last successful run on this deployment ran the same {steps.Count} steps with the same images, commands and environment; skipped (--force-migrate reruns them)");
            return false;
        }

        var clock = Stopwatch.StartNew();
        foreach (var step in steps)
        {
            // Between steps a stop (Ctrl-C) is honoured; a running step is not cut off, since a
            // migration killed half-way leaves DDL that MariaDB cannot roll back.
            var outcome = await Interruption.RunToEndAsync($"step {step.Name}", async () =>
            {
                Log.Info($"Step {step.Name}: {string.Join(' ', step.Command)} (image of {step.Service})");
                var outcome = await engine.RunStepAsync(deployment, step, stepDeadline, CancellationToken.None);
                if (outcome.Succeeded) Log.Success($"Step {step.Name} done in {outcome.Duration.TotalSeconds:0.0} s");
                return outcome;
            }, ct);
            if (!outcome.Succeeded)
                throw new InvalidOperationException(
                    $"Step '{step.Name}' failed with exit code {outcome.ExitCode} after {outcome.Duration.TotalSeconds:0.0} s. Its last lines:\n  "
                    + string.Join("\n  ", outcome.LastLines(40))
                    + $"\nThe steps run against the deployment's data services ({string.Join(", ", ServiceOrder.DataServices(deployment))}); "
                    + "if they do not run, './build.sh DataServices Migrate' (or Deploy) starts them.");
        }
        // Every step ran: that is recorded even when a stop was asked during the last one.
        await engine.WriteMarkerAsync(deployment, MarkerKey, fingerprint, CancellationToken.None);
        Log.Success($"Migrations done: {steps.Count} steps in {clock.Elapsed.TotalSeconds:0.0} s");
        return true;
    }

    /// <summary>What a rerun would do differently: the steps, their order, commands and images.</summary>
    public static string Fingerprint(ClusterDeployment deployment)
    {
        var text = new StringBuilder();
        foreach (var step in deployment.Steps)
        {
            var service = ServiceOrder.Find(deployment, step.Service);
            text.Append(step.Name).Append('\0').Append(deployment.ImageOf(service)).Append('\0').AppendJoin('\u0001', step.Command).Append('\0');
            // Secrets too (only their digest is kept): a rotated demo password must be seeded again.
            foreach (var (key, value) in deployment.EnvironmentOf(service, step.Env)) text.Append(key).Append('=').Append(value).Append('\u0001');
            text.Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
