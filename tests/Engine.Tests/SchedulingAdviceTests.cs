using k8s.Models;
using Mooc.Kubernetes.Diagnosis;

namespace Engine.Tests;

/// <summary>A pod the scheduler cannot place is reported with the scheduler's own message and what the user can change for it.</summary>
public sealed class SchedulingAdviceTests
{
    static V1Pod Unschedulable(string message) => new()
    {
        Metadata = new V1ObjectMeta { Name = "lms-0" },
        Status = new V1PodStatus
        {
            Phase = "Pending",
            Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message }],
        },
    };

    [Fact]
    public void Too_little_cpu_or_memory_points_at_the_services_requests_in_platform_yaml()
    {
        var reason = PodDiagnosis.BlockingReason(Unschedulable("0/1 nodes are available: 1 Insufficient cpu."));

        Assert.StartsWith("Unschedulable: 0/1 nodes are available: 1 Insufficient cpu.", reason);
        Assert.Contains("resources.requests", reason);
        Assert.Contains("platform.yaml", reason);
    }

    [Fact]
    public void An_unbound_claim_points_at_static_volumes_and_the_storage_class()
    {
        var reason = PodDiagnosis.BlockingReason(Unschedulable("0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims."));

        Assert.Contains("--volumes static", reason);
        Assert.Contains("--storage-class", reason);
        Assert.DoesNotContain("resources.requests", reason);
    }

    [Fact]
    public void Any_other_reason_points_at_the_nodes()
    {
        var reason = PodDiagnosis.BlockingReason(Unschedulable("0/1 nodes are available: 1 node(s) had taint {dedicated: db}, that the pod didn't tolerate."));

        Assert.Contains("kubectl describe nodes", reason);
        Assert.DoesNotContain("resources.requests", reason);
    }
}
