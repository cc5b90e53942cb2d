using k8s;
using Xunit.Abstractions;
using Mooc.Kubernetes.Rollout;
using Mooc.Platform.Cluster;

namespace Cluster.Tests.Rollout;

/// <summary>
/// Waiting for workloads on the real cluster: what ends the wait, what fails it, and what the
/// failure tells the user about the pods (reason, exit code, events, log lines).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class RolloutWatcherTests(ClusterFixture cluster, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<ClusterFixture>
{
    RolloutNamespace ns = null!;

    public async Task InitializeAsync() => ns = await RolloutNamespace.CreateAsync();

    public async Task DisposeAsync() => await ns.DisposeAsync();

    string Memcached(string? readinessProbe = null) => $"""
        image: {cluster.MemcachedImage}
        imagePullPolicy: Never
        readinessProbe: {readinessProbe ?? "{tcpSocket: {port: 11211}, periodSeconds: 1}"}
        """;

    string Shell(string script) => $"""
        image: {cluster.MemcachedImage}
        imagePullPolicy: Never
        command: [sh, -c, {System.Text.Json.JsonSerializer.Serialize(script)}]
        """;

    Task WaitAsync(TimeSpan deadline, params WorkloadRef[] workloads) =>
        RolloutWatcher.WaitAsync(ns.Client, ns.Name, workloads, deadline, CancellationToken.None);

    /// <summary>The wait's failure, also written to the test's output: what a user reads is part of what is tested.</summary>
    async Task<ServiceNotReadyException> FailureAsync(TimeSpan deadline, WorkloadRef workload)
    {
        var failure = await Assert.ThrowsAsync<ServiceNotReadyException>(() => WaitAsync(deadline, workload));
        output.WriteLine(failure.Message);
        return failure;
    }

    static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_deployment_whose_replicas_become_available_ends_the_wait()
    {
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-ready", Memcached(), replicas: 2));

        await WaitAsync(Generous, new WorkloadRef(WorkloadKind.Deployment, "ro-ready"));

        var deployment = await ns.Client.AppsV1.ReadNamespacedDeploymentAsync("ro-ready", ns.Name);
        Assert.Equal(2, deployment.Status.AvailableReplicas);
        Assert.Equal(2, deployment.Status.UpdatedReplicas);
    }

    [Fact]
    public async Task An_image_that_cannot_be_pulled_fails_the_wait_at_its_deadline_naming_the_image()
    {
        // A registry address in this helper's port range where nothing listens: the pull is refused at once.
        const string missing = "127.0.0.1:18349/ro-no-such-image:1";
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-missing", $"image: {missing}\nimagePullPolicy: IfNotPresent"));
        // However slow the shared node, the pull has been tried (and refused) before the short deadline starts.
        await ns.PodAsync("ro-missing", pod => pod.Status?.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason is "ErrImagePull" or "ImagePullBackOff") == true, Generous);

        var failure = await FailureAsync(TimeSpan.FromSeconds(5), new WorkloadRef(WorkloadKind.Deployment, "ro-missing"));

        Assert.Contains("Deployment ro-missing: not rolled out within 5.0 s; last seen: 0 of 1 updated replicas are available", failure.Message);
        var pod = Assert.Single(failure.Diagnoses);
        Assert.StartsWith("ro-missing-", pod.Instance);
        Assert.Matches($"^(ImagePullBackOff|ErrImagePull): image {System.Text.RegularExpressions.Regex.Escape(missing)} cannot be pulled", pod.Reason);
        Assert.Contains(pod.Events!, e => e.Contains("Failed") && e.Contains(missing));
    }

    [Fact]
    public async Task A_crash_looping_container_fails_the_wait_at_its_progress_deadline_with_its_exit_code_and_log()
    {
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-crash", Shell("echo ro-crash-starting; echo ro-crash-giving-up; exit 3"), progressDeadlineSeconds: 10));
        // The diagnosis is taken once the loop has begun: before the first restart the container has only exited once.
        await ns.PodAsync("ro-crash", pod => pod.Status?.ContainerStatuses?.Any(c => c.State?.Waiting?.Reason == "CrashLoopBackOff") == true, Generous);

        var failure = await FailureAsync(Generous, new WorkloadRef(WorkloadKind.Deployment, "ro-crash"));

        Assert.Contains("Deployment ro-crash: exceeded its progress deadline (10 s)", failure.Message);
        var pod = Assert.Single(failure.Diagnoses);
        Assert.Equal(3, pod.ExitCode);
        Assert.Matches(@"^(CrashLoopBackOff|crash loop): container main keeps exiting \(restarted [1-9]\d* times, last exit code 3, Error\)", pod.Reason);
        Assert.Equal(["ro-crash-starting", "ro-crash-giving-up"], pod.LastLogLines);
        Assert.Contains(pod.Events!, e => e.Contains("Warning BackOff: Back-off restarting failed container"));
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_diagnosed_as_oom_killed()
    {
        // The size comes from the command line: perl folds a constant repetition at compile time, before the print.
        // The probe never passes: between two OOM kills the restarted container would otherwise count as ready.
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-oom", $"""
            image: {cluster.MemcachedImage}
            imagePullPolicy: Never
            command: [perl, -e, '$| = 1; print "ro-oom-allocating\n"; my $x = "a" x ($ARGV[0] * 1024 * 1024); sleep 60', "512"]
            resources: {"{"}limits: {"{"}memory: 64Mi{"}"}{"}"}
            readinessProbe: {"{"}exec: {"{"}command: [perl, -e, "exit 1"]{"}"}, periodSeconds: 1{"}"}
            """));
        // Waiting in its back-off with an OOM kill as its last run: what the diagnosis reads stays so for the back-off's seconds.
        // Docker 20.10 now and then misses the kernel's OOM event and reports a run as "Error", exit 137: the next run is waited for then.
        await ns.PodAsync("ro-oom", pod => pod.Status?.ContainerStatuses?.Any(c => c.LastState?.Terminated?.Reason == "OOMKilled" && c.State?.Waiting is not null) == true, Generous);

        var failure = await FailureAsync(TimeSpan.FromSeconds(3), new WorkloadRef(WorkloadKind.Deployment, "ro-oom"));

        var pod = Assert.Single(failure.Diagnoses);
        Assert.True(pod.OomKilled);
        Assert.Contains("OOM-killed (raise its memory limit)", failure.Message);
        Assert.Contains("OOMKilled", pod.Reason);
        Assert.Equal(["ro-oom-allocating"], pod.LastLogLines);
    }

    [Fact]
    public async Task A_pod_no_node_can_take_is_diagnosed_as_unschedulable_with_the_schedulers_message()
    {
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-huge", $"""
            image: {cluster.MemcachedImage}
            imagePullPolicy: Never
            resources: {"{"}requests: {"{"}cpu: "500"{"}"}{"}"}
            """));
        await ns.PodAsync("ro-huge", pod => pod.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Reason == "Unschedulable") == true, Generous);

        var failure = await FailureAsync(TimeSpan.FromSeconds(3), new WorkloadRef(WorkloadKind.Deployment, "ro-huge"));

        var pod = Assert.Single(failure.Diagnoses);
        Assert.StartsWith("Pending", pod.State);
        Assert.Matches("^Unschedulable: 0/1 nodes are available: 1 Insufficient cpu", pod.Reason);
        Assert.Contains(pod.Events!, e => e.Contains("Warning FailedScheduling"));
    }

    [Fact]
    public async Task A_failing_readiness_probe_fails_the_wait_showing_the_probes_output()
    {
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-unready", Memcached("{exec: {command: [sh, -c, 'echo ro-probe-says-no; exit 1']}, periodSeconds: 1}")));
        await ns.PodAsync("ro-unready", pod => pod.Status?.ContainerStatuses?.Any(c => c.State?.Running is not null) == true, Generous);

        var failure = await FailureAsync(TimeSpan.FromSeconds(10), new WorkloadRef(WorkloadKind.Deployment, "ro-unready"));

        var pod = Assert.Single(failure.Diagnoses);
        Assert.Contains("running, not ready", pod.State);
        Assert.Contains(pod.FailingProbeOutput, line => line.StartsWith("Readiness probe failed: ro-probe-says-no"));
        Assert.Contains("reason: failing probe: Readiness probe failed: ro-probe-says-no", failure.Message);
    }

    [Fact]
    public async Task A_job_that_fails_fails_the_wait_with_its_reason_and_its_pods_log()
    {
        await ns.ApplyAsync(RolloutNamespace.Job("ro-job-fails", Shell("echo ro-job-output; exit 4")));

        var failure = await FailureAsync(Generous, new WorkloadRef(WorkloadKind.Job, "ro-job-fails"));

        Assert.Contains("Job ro-job-fails: failed: BackoffLimitExceeded", failure.Message);
        var pod = Assert.Single(failure.Diagnoses);
        Assert.Equal(4, pod.ExitCode);
        Assert.Equal(["ro-job-output"], pod.LastLogLines);
    }

    [Fact]
    public async Task A_job_that_completes_and_a_deployment_that_becomes_ready_are_waited_for_together()
    {
        await ns.ApplyAsync(RolloutNamespace.Job("ro-job-ok", Shell("echo done")));
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-beside", Memcached()));

        await WaitAsync(Generous, new WorkloadRef(WorkloadKind.Job, "ro-job-ok"), new WorkloadRef(WorkloadKind.Deployment, "ro-beside"));

        Assert.Equal(1, (await ns.Client.BatchV1.ReadNamespacedJobAsync("ro-job-ok", ns.Name)).Status.Succeeded);
        Assert.Equal(1, (await ns.Client.AppsV1.ReadNamespacedDeploymentAsync("ro-beside", ns.Name)).Status.AvailableReplicas);
    }

    [Fact]
    public async Task The_wait_resumes_each_time_the_server_closes_its_watch_and_still_sees_the_rollout_finish()
    {
        await ns.ApplyAsync(RolloutNamespace.Deployment("ro-resume", Memcached("{tcpSocket: {port: 11211}, initialDelaySeconds: 5, periodSeconds: 1}")));
        var written = await Printed.ByAsync(() => RolloutWatcher.WaitAsync(ns.Client, ns.Name, [new WorkloadRef(WorkloadKind.Deployment, "ro-resume")], Generous, CancellationToken.None,
            watchTimeout: TimeSpan.FromSeconds(1)));

        Assert.Contains("ro-resume: the server closed the watch; resuming from resourceVersion", written);
        Assert.Contains("ro-resume: successfully rolled out", written);
        Assert.Equal(1, (await ns.Client.AppsV1.ReadNamespacedDeploymentAsync("ro-resume", ns.Name)).Status.AvailableReplicas);
    }
}
