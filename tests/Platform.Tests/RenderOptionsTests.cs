using k8s.Models;
using Mooc.Build;
using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Mooc.Platform.Tests;

public class RenderOptionsTests
{
    static readonly Dictionary<string, string> BuiltImages = new()
    {
        ["mysql"] = "mooc/mysql:3f2a9c",
        ["memcached"] = "mooc/memcached:77b0e1",
        ["lms"] = "registry.example:5000/mooc/lms:a1b2c3",
        ["forum"] = "mooc/forum:5e6f7a",
        ["nginx"] = "mooc/nginx:0d9e8f",
    };

    [Fact]
    public void Committed_manifests_name_recipe_images_without_a_tag_and_deployers_pass_the_built_ones()
    {
        var committed = RenderedObjects.Of("reference");
        var deployed = RenderedObjects.Of("reference", new RenderOptions { Images = BuiltImages });

        Assert.Equal("mooc/lms", RenderedObjects.Single<V1Deployment>(committed, "lms").Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("registry.example:5000/mooc/lms:a1b2c3", RenderedObjects.Single<V1Deployment>(deployed, "lms").Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("registry.example:5000/mooc/lms:a1b2c3", RenderedObjects.Single<V1Job>(deployed, "lms-migrate").Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("mooc/mysql:3f2a9c", RenderedObjects.Single<V1StatefulSet>(deployed, "mysql").Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public void An_image_map_missing_a_recipe_is_refused_naming_the_recipe()
    {
        var partial = BuiltImages.Where(kv => kv.Key != "nginx").ToDictionary();
        var error = Assert.Throws<InvalidOperationException>(() => RenderedObjects.Of("reference", new RenderOptions { Images = partial }));
        Assert.Contains("recipe 'nginx'", error.Message);
    }

    [Fact]
    public void Namespace_storage_class_ingress_class_and_hosts_come_from_the_options()
    {
        var objects = RenderedObjects.Of("reference", new RenderOptions
        {
            Namespace = "mooc-staging",
            StorageClass = "fast-ssd",
            IngressClass = "nginx",
            Hosts = ["learn.example.edu", "www.learn.example.edu"],
        });

        Assert.All(objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal("mooc-staging", o.Object.Metadata.NamespaceProperty));
        Assert.Equal("mooc-staging", RenderedObjects.Single<V1Namespace>(objects, "mooc-staging").Metadata.Name);
        Assert.Equal("fast-ssd", RenderedObjects.Single<V1PersistentVolumeClaim>(objects, "mysql-data").Spec.StorageClassName);
        var ingress = RenderedObjects.Single<V1Ingress>(objects, "reference");
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal(["learn.example.edu", "www.learn.example.edu"], ingress.Spec.Rules.Select(r => r.Host));
        Assert.All(ingress.Spec.Rules, r => Assert.Equal(("nginx", 8080), (r.Http.Paths[0].Backend.Service.Name, r.Http.Paths[0].Backend.Service.Port.Number!.Value)));
    }

    [Fact]
    public void Defaults_leave_storage_and_ingress_class_to_the_cluster_and_answer_any_host()
    {
        var objects = RenderedObjects.Of("reference");

        Assert.Null(RenderedObjects.Single<V1PersistentVolumeClaim>(objects, "mysql-data").Spec.StorageClassName);
        var ingress = RenderedObjects.Single<V1Ingress>(objects, "reference");
        Assert.Null(ingress.Spec.IngressClassName);
        Assert.Null(Assert.Single(ingress.Spec.Rules).Host);
    }

    [Fact]
    public void Only_dependants_and_their_migration_jobs_may_reach_the_database()
    {
        var policy = RenderedObjects.Single<V1NetworkPolicy>(RenderedObjects.Of("reference"), "mysql-clients");

        Assert.Equal("mysql", policy.Spec.PodSelector.MatchLabels[LabelNames.Name]);
        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Equal("3306", Assert.Single(rule.Ports).Port.Value);
        Assert.Equal([LabelNames.Name, LabelNames.RunsAs], rule.FromProperty.Select(p => p.PodSelector.MatchExpressions.Single().Key));
        Assert.All(rule.FromProperty, p => Assert.Equal(["forum", "lms", "mysql"], p.PodSelector.MatchExpressions.Single().Values));
        var migrate = RenderedObjects.Single<V1Job>(RenderedObjects.Of("reference"), "lms-migrate");
        Assert.Equal("lms", migrate.Spec.Template.Metadata.Labels[LabelNames.RunsAs]);
    }

    [Fact]
    public void A_disruption_budget_exists_only_for_services_with_more_than_one_replica()
    {
        var budgets = RenderedObjects.Of("reference").Select(o => o.Object).OfType<V1PodDisruptionBudget>().ToList();

        var lms = Assert.Single(budgets);
        Assert.Equal("lms", lms.Metadata.Name);
        Assert.Equal("1", lms.Spec.MaxUnavailable.Value);
        Assert.Equal("lms", lms.Spec.Selector.MatchLabels[LabelNames.Name]);
    }

    [Fact]
    public void Declaration_order_of_services_does_not_change_the_output()
    {
        var path = PlatformLoader.PathFor("reference");
        var yaml = File.ReadAllText(path);
        int Start(string service) => yaml.IndexOf($"\n  - name: {service}\n", StringComparison.Ordinal) + 1;
        var (memcached, lms, nginx) = (Start("memcached"), Start("lms"), Start("nginx"));
        Assert.True(memcached > 0 && memcached < lms && lms < nginx);
        var swapped = yaml[..memcached] + yaml[lms..nginx] + yaml[memcached..lms] + yaml[nginx..];
        Assert.NotEqual(yaml, swapped);

        var original = ManifestRenderer.Render(PlatformLoader.Parse(yaml, path), new RenderOptions());
        var reordered = ManifestRenderer.Render(PlatformLoader.Parse(swapped, path), new RenderOptions());

        Assert.Equal(original.Select(o => o.ToYaml()), reordered.Select(o => o.ToYaml()));
    }

    [Fact]
    public void Disruption_budgets_are_policy_v1_by_default_and_policy_v1beta1_for_a_server_that_serves_only_that()
    {
        var servedBy120 = RenderOptions.DisruptionBudgetApiVersionServedBy(["apps/v1", "policy/v1beta1", "networking.k8s.io/v1"]);
        var servedBy121 = RenderOptions.DisruptionBudgetApiVersionServedBy(["apps/v1", "policy/v1", "policy/v1beta1"]);

        Assert.Equal("policy/v1", RenderedObjects.Single<V1PodDisruptionBudget>(RenderedObjects.Of("reference"), "lms").ApiVersion);
        Assert.Equal("policy/v1beta1", servedBy120);
        Assert.Equal("policy/v1", servedBy121);
        var rendered = RenderedObjects.Of("reference", new RenderOptions { DisruptionBudgetApiVersion = servedBy120 }).Single(o => o.Kind == "PodDisruptionBudget");
        Assert.StartsWith("apiVersion: policy/v1beta1\n", rendered.ToYaml());
        Assert.Throws<ArgumentException>(() => new RenderOptions { DisruptionBudgetApiVersion = "policy/v2" });
        Assert.Throws<InvalidOperationException>(() => RenderOptions.DisruptionBudgetApiVersionServedBy(["apps/v1"]));
    }
}
