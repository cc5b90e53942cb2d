using k8s.Models;
using Mooc.Build;
using Mooc.Platform.Model;

namespace Mooc.Manifests.Builders;

/// <summary>A Job per migration or seed step: the step's command in its service's image, env, secrets and shared (ReadWriteMany) volumes.</summary>
static class JobBuilder
{
    public static V1Job Build(RenderContext context, MigrationStep step, int order)
    {
        // A ReadWriteOnce claim belongs to the running workload's pod; a Job mounting it would wait for that pod's node.
        // Pod-local volumes belong to the workload's pods: a Job's own copy would be thrown away with it.
        var owner = context.Platform.Service(step.Service);
        var service = owner with { Volumes = owner.Volumes.Where(v => v is { IsClaim: true, AccessMode: VolumeAccessMode.ReadWriteMany }).ToList() };
        var container = ContainerBuilder.Build(context, service, step.Name, step.Command);
        if (step.Env.Count > 0)
            container.Env = step.Env.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new V1EnvVar { Name = kv.Key, Value = kv.Value })
                .Concat(container.Env ?? [])
                .ToList();
        var labels = Labels.For(context, step.Name, Labels.MigrationComponent);
        labels[LabelNames.RunsAs] = service.Name;
        labels[LabelNames.StepOrder] = order.ToString();
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = step.Name, NamespaceProperty = context.Namespace, Labels = labels },
            Spec = new V1JobSpec
            {
                // A failed migration is reported with its logs, not run again: a half-applied one needs a person.
                BackoffLimit = 0,
                ActiveDeadlineSeconds = 3600,
                Template = PodBuilder.Build(context, service, container, new Dictionary<string, string>(labels), isJob: true),
            },
        };
    }
}
