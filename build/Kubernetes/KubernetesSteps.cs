using System.Diagnostics;
using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Kubernetes.Diagnosis;
using Mooc.Kubernetes.Rollout;
using Mooc.Manifests;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Kubernetes;

/// <summary>
/// A migration or seed step as a Job named for this run (&lt;step&gt;-&lt;run&gt;), from the step's
/// rendered Job: its output followed and shown with the step's name, its outcome and exit code from
/// its pod. The step's Jobs of earlier runs are waited for when still running (two runs of a step
/// never overlap, and a migration is never cut off) and deleted first, pods and all. A Job whose pod
/// never started by the deadline is deleted at once: nothing of it ran, and nothing should run later.
/// </summary>
public sealed class KubernetesSteps(ObjectStore store, string @namespace)
{
    static readonly ApiResource Jobs = ApiResource.Of("Job", "batch/v1");
    IKubernetes Client => store.Client;

    public async Task<StepOutcome> RunAsync(ClusterDeployment deployment, V1Job rendered, TimeSpan deadline, CancellationToken ct)
    {
        var step = rendered.Metadata.Name;
        await SettleEarlierRunsAsync(deployment, step, deadline, ct);

        var job = rendered;
        job.Metadata.Name = RunName(step);
        var clock = Stopwatch.StartNew();
        await store.ApplyAsync(job, ct);
        Log.Info($"Job {job.Metadata.Name} created in namespace {@namespace}");

        var lines = new List<string>();
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var following = FollowLogsAsync(job.Metadata.Name, step, lines, deadline, stopFollowing.Token);
        ServiceNotReadyException? failure = null;
        try
        {
            // No early failure for a pod that cannot be scheduled: it may fit once other pods end. Its reason is shown while it waits.
            await RolloutWatcher.WaitAsync(Client, @namespace, [new WorkloadRef(WorkloadKind.Job, job.Metadata.Name)], deadline, ct);
        }
        catch (ServiceNotReadyException e)
        {
            failure = e;
        }
        await Task.WhenAny(following, Task.Delay(TimeSpan.FromSeconds(5), ct));
        await stopFollowing.CancelAsync();
        await following;

        var pod = await LastPodAsync(job.Metadata.Name, ct);
        if (failure is not null && (pod is null || !PodReadiness.HasRun(pod)))
        {
            // Left in place, it would run whenever its pod fits, unwatched and after this run has reported the step failed.
            await store.DeleteAsync(Jobs, @namespace, job.Metadata.Name, ct);
            Log.Warn($"Job {job.Metadata.Name} never started its pod: deleted, so that it does not run later unwatched");
        }
        var exitCode = pod?.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Terminated?.ExitCode ?? (failure is null ? 0 : -1);
        var diagnoses = failure?.Diagnoses ?? [];
        lock (lines)
        {
            if (lines.Count == 0 && pod is not null) lines.AddRange(TailOf(pod));
            // Nothing was followed (the follow gave up before the pod's output came): the log the diagnosis read stands as its output.
            if (lines.Count == 0) lines.AddRange(diagnoses.SelectMany(d => d.LastLogLines));
            if (failure is not null) lines.Add(failure.Summary);
            return new StepOutcome(step, failure is null, exitCode, lines.ToList(), clock.Elapsed) { Diagnoses = diagnoses };
        }
    }

    /// <summary>step-yyMMdd-HHmmss: a name per run, so an earlier run's Job (and its logs) never stands in for this one's.</summary>
    static string RunName(string step)
    {
        var suffix = "-" + DateTime.UtcNow.ToString("yyMMdd-HHmmss");
        return step[..Math.Min(step.Length, 63 - suffix.Length)].TrimEnd('-') + suffix;
    }

    async Task SettleEarlierRunsAsync(ClusterDeployment deployment, string step, TimeSpan deadline, CancellationToken ct)
    {
        var selector = $"{DeploymentLabels.Selector(deployment.Platform.Name, deployment.Name)},{LabelNames.Component}={Labels.MigrationComponent},{LabelNames.Name}={step}";
        foreach (var earlier in await store.ListAsync(Jobs, @namespace, selector, ct))
        {
            var job = await Client.BatchV1.ReadNamespacedJobAsync(earlier.Name, @namespace, cancellationToken: ct);
            if ((job.Status?.Active ?? 0) > 0 && !earlier.Terminating)
            {
                Log.Warn($"Job {earlier.Name}, started by an earlier run, still runs: waiting for it to end (up to {deadline.TotalSeconds:0} s) before running step {step} again");
                try
                {
                    await RolloutWatcher.WaitAsync(Client, @namespace, [new WorkloadRef(WorkloadKind.Job, earlier.Name)], deadline, ct);
                }
                catch (ServiceNotReadyException e)
                {
                    Log.Warn($"Job {earlier.Name} of the earlier run did not succeed: {e.Summary}");
                }
            }
            await store.DeleteAsync(Jobs, @namespace, earlier.Name, ct);
        }
    }

    async Task<V1Pod?> LastPodAsync(string job, CancellationToken ct)
    {
        var pods = await Client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: $"job-name={job}", cancellationToken: ct);
        return pods.Items.OrderBy(p => p.Metadata.CreationTimestamp).LastOrDefault();
    }

    static IEnumerable<string> TailOf(V1Pod pod) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Terminated?.Message is { Length: > 0 } message ? message.Split('\n') : [];

    /// <summary>
    /// Follows the Job's pod's output once it runs, each line shown with the step's name and kept for the outcome.
    /// Until then, what holds the pod up (not schedulable, an image not pulled) is shown when it appears or changes,
    /// so a step that waits does not wait in silence.
    /// </summary>
    async Task FollowLogsAsync(string job, string step, List<string> lines, TimeSpan deadline, CancellationToken ct)
    {
        try
        {
            string? shown = null;
            var started = new Wait($"the pod of job {job} to start", deadline) { Interval = TimeSpan.FromMilliseconds(300) };
            var pod = await started.UntilAsync<V1Pod>(async token =>
            {
                var current = await LastPodAsync(job, token);
                if (current is not null && PodReadiness.HasRun(current)) return Seen.Done(current);
                if (current is not null && PodDiagnosis.BlockingReason(current) is { } blocked && blocked != shown)
                {
                    shown = blocked;
                    Log.Warn($"Job {job}: pod {current.Status?.Phase ?? "without status"}, {blocked}");
                }
                return Seen.NotYet(current?.Status?.Phase ?? "no pod yet");
            }, ct);
            using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, @namespace, follow: true, cancellationToken: ct);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                lock (lines) lines.Add(line);
                Log.Output(step, line);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WaitTimeoutException)
        {
        }
    }
}
