using k8s;
using k8s.Models;
using Mooc.Build;
using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Mooc.Platform.Tests;

public class RenderedManifestTests
{
    public static TheoryData<string> Platforms => RenderedObjects.Platforms;

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Every_rendered_object_reads_back_through_KubernetesYaml_to_an_equal_object(string platform)
    {
        foreach (var rendered in RenderedObjects.Of(platform))
        {
            var loaded = Assert.Single(KubernetesYaml.LoadAllFromString(rendered.ToYaml()));

            Assert.IsType(rendered.Object.GetType(), loaded);
            Assert.Equal(KubernetesJson.Serialize(rendered.Object), KubernetesJson.Serialize(loaded));
        }
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void No_rendered_object_carries_a_secret_value(string platformName)
    {
        var platform = PlatformLoader.LoadByName(platformName);
        var objects = RenderedObjects.Of(platformName);
        var secretVariables = platform.Services.SelectMany(s => s.SecretEnv.Keys).ToHashSet();
        var secretNames = platform.Secrets.Select(s => s.Name).ToHashSet();
        Assert.NotEmpty(secretVariables);

        Assert.DoesNotContain(objects, o => o.Kind == "Secret" || o.ToYaml().Contains("kind: Secret"));
        foreach (var configMap in objects.Select(o => o.Object).OfType<V1ConfigMap>())
            Assert.Empty(configMap.Data.Keys.Intersect(secretVariables));
        var references = 0;
        foreach (var (owner, template) in RenderedObjects.PodTemplates(objects))
        foreach (var variable in RenderedObjects.AllContainers(template).SelectMany(c => c.Env ?? []).Where(v => secretVariables.Contains(v.Name)))
        {
            Assert.True(variable.Value is null, $"{owner.FileName}: {variable.Name} has a literal value");
            Assert.Equal(ManifestRenderer.SecretName(platform.Name), variable.ValueFrom.SecretKeyRef.Name);
            Assert.Contains(variable.ValueFrom.SecretKeyRef.Key, secretNames);
            references++;
        }
        Assert.True(references >= secretVariables.Count);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Every_volume_has_its_claim_and_every_port_its_Service(string platformName)
    {
        var platform = PlatformLoader.LoadByName(platformName);
        var objects = RenderedObjects.Of(platformName);
        var claims = objects.Select(o => o.Object).OfType<V1PersistentVolumeClaim>().ToDictionary(c => c.Metadata.Name);
        var services = objects.Select(o => o.Object).OfType<V1Service>().ToList();

        foreach (var service in platform.EnabledServices)
        foreach (var volume in service.Volumes.Where(v => v.IsClaim))
        {
            Assert.True(claims.TryGetValue(volume.Name, out var claim), $"{service.Name}: volume {volume.Name} has no claim");
            Assert.Equal(volume.Size, claim.Spec.Resources.Requests["storage"].ToString());
            Assert.Equal([volume.AccessMode.ToString()], claim.Spec.AccessModes);
        }
        foreach (var (owner, template) in RenderedObjects.PodTemplates(objects))
        foreach (var volume in template.Spec.Volumes ?? [])
            if (volume.PersistentVolumeClaim is { } reference)
                Assert.True(claims.ContainsKey(reference.ClaimName), $"{owner.FileName}: claim {reference.ClaimName} is not rendered");
            else
                Assert.True(volume.EmptyDir is not null && !claims.ContainsKey(volume.Name), $"{owner.FileName}: volume {volume.Name} is neither a claim nor pod-local");

        foreach (var (owner, template) in RenderedObjects.PodTemplates(objects).Where(t => t.Owner.Kind != "Job"))
        foreach (var port in template.Spec.Containers.SelectMany(c => c.Ports ?? []))
            Assert.True(
                services.Any(s => s.Spec.Selector.All(kv => template.Metadata.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)
                                  && s.Spec.Ports.Any(p => p.TargetPort.Value == port.Name && p.Port == port.ContainerPort)),
                $"{owner.FileName}: port {port.Name}/{port.ContainerPort} has no Service selecting the pod");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void A_step_rendered_alone_is_the_Job_the_whole_render_gives_it_and_a_one_off_step_comes_after_the_migrations(string platformName)
    {
        var platform = PlatformLoader.LoadByName(platformName);
        var options = new RenderOptions { Namespace = "mooc", Instance = "blue" };
        var jobs = ManifestRenderer.Render(platform, options).Select(o => o.Object).OfType<V1Job>().ToList();
        Assert.NotEmpty(platform.EnabledMigrations);

        foreach (var step in platform.EnabledMigrations)
            Assert.Equal(KubernetesJson.Serialize(jobs.Single(j => j.Metadata.Name == step.Name)), KubernetesJson.Serialize(ManifestRenderer.RenderStep(platform, options, step)));
        var oneOff = platform.EnabledMigrations[0] with { Name = "import-users", Command = ["true"] };
        var job = ManifestRenderer.RenderStep(platform, options, oneOff);
        Assert.Equal("import-users", job.Metadata.Name);
        Assert.Equal((platform.EnabledMigrations.Count + 1).ToString(), job.Metadata.Labels[LabelNames.StepOrder]);
        Assert.Equal(["true"], job.Spec.Template.Spec.Containers[0].Command);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Rendering_twice_gives_byte_identical_files_in_apply_order(string platform)
    {
        var first = RenderedObjects.Of(platform);
        var second = RenderedObjects.Of(platform);

        Assert.Equal(first.Select(o => (o.FileName, o.ToYaml())), second.Select(o => (o.FileName, o.ToYaml())));
        var order = new[] { "Namespace", "ConfigMap", "PersistentVolumeClaim", "StatefulSet", "Deployment", "Service", "Ingress", "Job", "NetworkPolicy", "PodDisruptionBudget" };
        var ranks = first.Select(o => Array.IndexOf(order, o.Kind)).ToList();
        Assert.DoesNotContain(-1, ranks);
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal(first.Select(o => o.FileName).Order(StringComparer.Ordinal), first.Select(o => o.FileName));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void Every_object_carries_the_recommended_labels_and_pods_never_escalate_privileges(string platform)
    {
        var objects = RenderedObjects.Of(platform);
        foreach (var rendered in objects)
        foreach (var label in new[] { LabelNames.Name, LabelNames.Instance, LabelNames.Component, LabelNames.PartOf, LabelNames.ManagedBy })
            Assert.True(rendered.Object.Metadata.Labels?.ContainsKey(label) == true, $"{rendered.FileName} lacks {label}");
        foreach (var (owner, template) in RenderedObjects.PodTemplates(objects))
        {
            Assert.False(template.Spec.AutomountServiceAccountToken);
            Assert.All(RenderedObjects.AllContainers(template), c => Assert.False(c.SecurityContext.AllowPrivilegeEscalation, $"{owner.FileName}: {c.Name}"));
        }
    }

    /// <summary>The API server types quantities as strings and server-side apply refuses a YAML number there ("expected string").</summary>
    [Theory]
    [MemberData(nameof(Platforms))]
    public void Every_resource_quantity_is_written_as_a_string(string platform)
    {
        var quantities = RenderedObjects.Of(platform)
            .SelectMany(o => o.ToYaml().Split('\n'))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\s+(cpu|memory|storage): (.*)$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[2].Value)
            .ToList();

        Assert.Contains(quantities, q => q.StartsWith('"'));
        Assert.All(quantities, q => Assert.False(double.TryParse(q, System.Globalization.CultureInfo.InvariantCulture, out _), $"quantity {q} is a YAML number"));
    }
}
