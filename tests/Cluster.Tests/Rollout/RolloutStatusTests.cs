using k8s.Models;
using Mooc.Kubernetes.Diagnosis;
using Mooc.Kubernetes.Rollout;

namespace Cluster.Tests.Rollout;

/// <summary>Rollout judged from the object alone, case by case as kubectl rollout status judges it. No cluster needed.</summary>
public sealed class RolloutStatusTests
{
    static V1Deployment Deployment(long generation, long observed, int wanted, int replicas, int updated, int available, string? progressingReason = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "lms", Generation = generation },
        Spec = new V1DeploymentSpec { Replicas = wanted, ProgressDeadlineSeconds = 30 },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed, Replicas = replicas, UpdatedReplicas = updated, AvailableReplicas = available,
            Conditions = progressingReason is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason, Message = "ReplicaSet \"lms-1\" has timed out progressing." }],
        },
    };

    [Fact]
    public void A_deployment_whose_spec_the_controller_has_not_seen_is_waited_for_whatever_its_counts_say() =>
        Assert.Equal(new RolloutStatus(false, false, "waiting for the spec update to be observed"), RolloutStatus.Of(Deployment(3, 2, 2, 2, 2, 2)));

    [Fact]
    public void A_deployment_past_its_progress_deadline_has_failed()
    {
        var status = RolloutStatus.Of(Deployment(2, 2, 2, 3, 1, 0, "ProgressDeadlineExceeded"));

        Assert.True(status.Failed);
        Assert.False(status.Done);
        Assert.Contains("exceeded its progress deadline (30 s)", status.Message);
        Assert.Contains("timed out progressing", status.Message);
    }

    static V1Deployment WithSpecWrittenAt(V1Deployment deployment, DateTime specWritten, DateTime deadlineExceeded)
    {
        deployment.Status.Conditions[0].LastUpdateTime = deadlineExceeded;
        deployment.Metadata.ManagedFields =
        [
            new V1ManagedFieldsEntry { Manager = "mooc-build", Operation = "Apply", Time = specWritten.AddMinutes(-5), FieldsV1 = System.Text.Json.JsonDocument.Parse("""{"f:spec": {"f:replicas": {}}}""").RootElement },
            new V1ManagedFieldsEntry { Manager = "mooc-rollback", Operation = "Update", Time = specWritten, FieldsV1 = System.Text.Json.JsonDocument.Parse("""{"f:spec": {"f:template": {}}}""").RootElement },
            new V1ManagedFieldsEntry { Manager = "kube-controller-manager", Operation = "Update", Time = specWritten.AddMinutes(1), FieldsV1 = System.Text.Json.JsonDocument.Parse("""{"f:status": {}}""").RootElement },
        ];
        return deployment;
    }

    [Fact]
    public void A_progress_deadline_exceeded_before_the_last_write_to_the_spec_is_about_an_earlier_spec_and_does_not_fail_the_rollout()
    {
        var written = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

        var stale = RolloutStatus.Of(WithSpecWrittenAt(Deployment(3, 3, 1, 2, 1, 0, "ProgressDeadlineExceeded"), written, written.AddMilliseconds(-300)));
        var sameSecond = RolloutStatus.Of(WithSpecWrittenAt(Deployment(3, 3, 1, 2, 1, 0, "ProgressDeadlineExceeded"), written.AddMilliseconds(900), written.AddMilliseconds(100)));
        var fresh = RolloutStatus.Of(WithSpecWrittenAt(Deployment(3, 3, 1, 2, 1, 0, "ProgressDeadlineExceeded"), written, written.AddSeconds(10)));

        Assert.Equal(new RolloutStatus(false, false, "1 old replicas are pending termination"), stale);
        Assert.False(sameSecond.Failed);
        Assert.True(fresh.Failed);
    }

    [Fact]
    public void A_deployment_still_progressing_is_not_failed() =>
        Assert.False(RolloutStatus.Of(Deployment(2, 2, 2, 3, 1, 0, "ReplicaSetUpdated")).Failed);

    [Theory]
    [InlineData(2, 3, 1, 1, "1 of 2 new replicas have been updated")]
    [InlineData(2, 3, 2, 2, "1 old replicas are pending termination")]
    [InlineData(2, 2, 2, 1, "1 of 2 updated replicas are available")]
    public void A_deployment_midway_says_what_it_waits_for(int wanted, int replicas, int updated, int available, string message) =>
        Assert.Equal(new RolloutStatus(false, false, message), RolloutStatus.Of(Deployment(2, 2, wanted, replicas, updated, available)));

    [Fact]
    public void A_deployment_with_every_replica_updated_and_available_is_done() =>
        Assert.True(RolloutStatus.Of(Deployment(2, 2, 2, 2, 2, 2)).Done);

    static V1StatefulSet StatefulSet(long observed, int wanted, int ready, int updated, int? partition = 0, string strategy = "RollingUpdate", string current = "a", string update = "a") => new()
    {
        Metadata = new V1ObjectMeta { Name = "mysql", Generation = 1 },
        Spec = new V1StatefulSetSpec
        {
            Replicas = wanted,
            UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = strategy, RollingUpdate = partition is { } p ? new V1RollingUpdateStatefulSetStrategy { Partition = p } : null },
        },
        Status = new V1StatefulSetStatus { ObservedGeneration = observed, ReadyReplicas = ready, UpdatedReplicas = updated, CurrentReplicas = wanted, CurrentRevision = current, UpdateRevision = update },
    };

    [Fact]
    public void A_statefulset_never_observed_is_waited_for() =>
        Assert.Equal("waiting for the spec update to be observed", RolloutStatus.Of(StatefulSet(0, 1, 1, 1)).Message);

    [Fact]
    public void A_statefulset_waits_for_ready_pods_then_for_its_partition()
    {
        Assert.Equal(new RolloutStatus(false, false, "1 of 3 pods are ready"), RolloutStatus.Of(StatefulSet(1, 3, 1, 3)));
        Assert.Equal(new RolloutStatus(false, false, "1 of 2 new pods have been updated (partitioned roll out)"), RolloutStatus.Of(StatefulSet(1, 3, 3, 1, partition: 1)));
        Assert.True(RolloutStatus.Of(StatefulSet(1, 3, 3, 2, partition: 1)).Done);
    }

    [Fact]
    public void A_statefulset_without_rolling_update_settings_is_done_when_its_revisions_agree()
    {
        Assert.False(RolloutStatus.Of(StatefulSet(1, 2, 2, 1, partition: null, current: "a", update: "b")).Done);
        Assert.True(RolloutStatus.Of(StatefulSet(1, 2, 2, 2, partition: null, current: "b", update: "b")).Done);
    }

    [Fact]
    public void A_statefulset_updated_on_delete_cannot_be_waited_for() =>
        Assert.True(RolloutStatus.Of(StatefulSet(1, 1, 1, 1, strategy: "OnDelete")).Failed);

    static V1Job Job(params V1JobCondition[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = "migrate" },
        Spec = new V1JobSpec { Completions = 1 },
        Status = new V1JobStatus { Active = conditions.Length == 0 ? 1 : 0, Failed = conditions.Any(c => c.Type == "Failed") ? 1 : 0, Conditions = conditions },
    };

    [Fact]
    public void A_job_is_done_when_complete_failed_with_its_reason_when_failed_and_running_otherwise()
    {
        Assert.True(RolloutStatus.Of(Job(new V1JobCondition { Type = "Complete", Status = "True" })).Done);
        var failed = RolloutStatus.Of(Job(new V1JobCondition { Type = "Failed", Status = "True", Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit" }));
        Assert.Equal(new RolloutStatus(false, true, "failed: BackoffLimitExceeded: Job has reached the specified backoff limit"), failed);
        Assert.Equal(new RolloutStatus(false, false, "1 active, 0 of 1 succeeded, 0 failed"), RolloutStatus.Of(Job()));
    }

    [Fact]
    public void A_selector_becomes_the_text_a_list_call_takes_and_an_empty_one_is_refused()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "lms", ["app.kubernetes.io/instance"] = "ro" },
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["web", "api"] }, new V1LabelSelectorRequirement { Key = "canary", OperatorProperty = "DoesNotExist" }],
        };

        Assert.Equal("app.kubernetes.io/instance=ro,app.kubernetes.io/name=lms,tier in (web,api),!canary", LabelSelectorText.Of(selector));
        Assert.Throws<ArgumentException>(() => LabelSelectorText.Of(new V1LabelSelector()));
    }
}
