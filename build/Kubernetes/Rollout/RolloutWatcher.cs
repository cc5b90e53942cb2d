using System.Diagnostics;
using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Kubernetes.Diagnosis;
using Mooc.Platform.Cluster;

namespace Mooc.Kubernetes.Rollout;

/// <summary>
/// Waits for workloads to roll out, all at once, through watches (<see cref="NamedObjectWatch"/>),
/// judged by <see cref="RolloutStatus"/>, printing each change of state. A rollout that fails
/// (a Deployment past its progress deadline, a failed Job) stops the wait at once; the deadline stops
/// it too. Either way the wait throws <see cref="ServiceNotReadyException"/> naming every workload
/// that did not finish, with the diagnosis of its pods that are not ready.
/// </summary>
public static class RolloutWatcher
{
    public static async Task WaitAsync(IKubernetes client, string @namespace, IReadOnlyList<WorkloadRef> workloads, TimeSpan deadline, CancellationToken ct, TimeSpan? watchTimeout = null)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(deadline);
        var progress = workloads.Select(w => new Progress(w)).ToList();
        await Task.WhenAll(progress.Select(p => FollowAsync(client, @namespace, p, stop, watchTimeout, ct)));
        ct.ThrowIfCancellationRequested();

        var unfinished = progress.Where(p => !p.Status.Done).ToList();
        if (unfinished.Count == 0) return;
        var failed = unfinished.Where(p => p.Status.Failed).Select(p => p.Workload.ToString()).ToList();
        var lines = unfinished.Select(p => $"  {p.Workload}: " + (p.Status.Failed ? p.Status.Message
            : failed.Count > 0 ? $"stopped waiting when {string.Join(", ", failed)} failed; last seen: {p.Status.Message}"
            : $"not rolled out within {Wait.Seconds(deadline)}; last seen: {p.Status.Message}"));
        var diagnoses = new List<ServiceDiagnosis>();
        foreach (var p in unfinished.Where(p => p.Selector is not null))
            diagnoses.AddRange(await PodDiagnosis.DiagnoseAsync(client, @namespace, p.Selector!, ct));
        throw new ServiceNotReadyException(
            $"{unfinished.Count} of {workloads.Count} workloads in namespace {@namespace} did not roll out (after {Wait.Seconds(clock.Elapsed)}):\n{string.Join('\n', lines)}"
            + (diagnoses.Count == 0 ? "\n  (no pod of theirs is unready: see the workloads' own conditions and events)" : ""),
            diagnoses);
    }

    static async Task FollowAsync(IKubernetes client, string @namespace, Progress progress, CancellationTokenSource stop, TimeSpan? watchTimeout, CancellationToken ct)
    {
        try
        {
            var status = await WorkloadSources.FollowAsync(client, @namespace, progress.Workload, progress.Saw, watchTimeout, stop.Token);
            // One failure decides the wait: the others are not waited for to the deadline.
            if (status.Failed) await stop.CancelAsync();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The deadline, or another workload's failure: the caller reports what was last seen.
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>What has been seen of one workload; progress lines only when its state changes.</summary>
    sealed class Progress(WorkloadRef workload)
    {
        bool seenOnce;

        public WorkloadRef Workload => workload;
        public RolloutStatus Status { get; private set; } = RolloutStatus.NotFound;
        public V1LabelSelector? Selector { get; private set; }

        public void Saw(RolloutStatus status, V1LabelSelector? selector)
        {
            Selector = selector ?? Selector;
            if (seenOnce && status == Status) return;
            seenOnce = true;
            Status = status;
            var line = $"{workload.Name}: {status.Message}";
            if (status.Failed) Log.Error(line);
            else if (status.Done) Log.Success(line);
            else Log.Info(line);
        }
    }
}
