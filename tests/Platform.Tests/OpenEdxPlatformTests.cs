using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Mooc.Platform.Tests;

public class OpenEdxPlatformTests
{
    static IReadOnlyList<RenderedObject> Render(Dictionary<string, string> parameters) =>
        ManifestRenderer.Render(PlatformLoader.LoadByName("openedx", parameters), new RenderOptions());

    static IEnumerable<string> Names<T>(IEnumerable<RenderedObject> objects) => objects.Where(o => o.Object is T).Select(o => o.Name);

    [Fact]
    public void Default_is_the_reports_topology_on_Ironwood_without_forum_and_gradebook()
    {
        var platform = PlatformLoader.LoadByName("openedx");
        var objects = RenderedObjects.Of("openedx");

        Assert.Equal("edxops/edxapp:ironwood.master", platform.Service("lms").Image.Reference);
        Assert.Equal(
            ["chrome", "credentials", "devpi", "discovery", "ecommerce", "edx-notes-api", "elasticsearch", "firefox", "lms", "memcached", "mongo", "mysql", "studio"],
            platform.EnabledServices.Select(s => s.Name).Order());
        Assert.DoesNotContain("forum", Names<V1Deployment>(objects));
        Assert.DoesNotContain("forum-bundle", Names<V1Job>(objects));
        Assert.Equal(["mysql-databases", "mongo-users", "lms-migrate"], platform.EnabledMigrations.Take(3).Select(m => m.Name));
    }

    [Fact]
    public void Release_and_service_switches_are_parameters()
    {
        var objects = Render(new() { ["release"] = "ironwood.2", ["enable-forum"] = "true", ["enable-ecommerce"] = "false" });

        Assert.Equal("edxops/edxapp:ironwood.2", RenderedObjects.Single<V1Deployment>(objects, "lms").Spec.Template.Spec.Containers[0].Image);
        Assert.Contains("forum", Names<V1Deployment>(objects));
        Assert.Contains("forum-bundle", Names<V1Job>(objects));
        Assert.DoesNotContain("ecommerce", Names<V1Deployment>(objects));
        Assert.DoesNotContain("ecommerce-oauth-client", Names<V1Job>(objects));
        Assert.DoesNotContain("lms-commerce", Names<V1Job>(objects));
    }

    [Fact]
    public void Switching_off_a_service_others_depend_on_names_the_dependant()
    {
        var error = Assert.Throws<PlatformValidationException>(() => PlatformLoader.LoadByName("openedx", new Dictionary<string, string> { ["enable-lms"] = "false" }));
        Assert.Contains("the override 'enable-lms' (--set enable-lms=...) is not a parameter of this platform", error.Message);

        var yaml = File.ReadAllText(PlatformLoader.PathFor("openedx")).Replace("  enable-gradebook: \"false\"", "  enable-gradebook: \"true\"\n  enable-devpi: \"false\"")
            .Replace("    image: edxops/devpi:${release}\n", "    image: edxops/devpi:${release}\n    enabled: ${enable-devpi}\n");
        var cut = Assert.Throws<PlatformValidationException>(() => PlatformLoader.Parse(yaml, "openedx.yaml"));
        Assert.Contains(cut.Errors, e => e.Field == "services[lms].dependsOn[0]" && e.Message.Contains("enable 'devpi' or disable 'lms'"));
    }

    [Fact]
    public void Devstack_host_names_resolve_through_the_pods_hosts_file()
    {
        var objects = RenderedObjects.Of("openedx");

        Assert.DoesNotContain(objects, o => o.Name.Contains('.'));
        var lms = RenderedObjects.Single<V1Deployment>(objects, "lms").Spec.Template.Spec;
        var init = Assert.Single(lms.InitContainers);
        var aliases = init.Env.Single(e => e.Name == "MOOC_HOST_ALIASES").Value.Split(' ');
        Assert.Contains("edx.devstack.mysql=mysql", aliases);
        Assert.Contains("edx.devstack.edx_notes_api=edx-notes-api", aliases);
        Assert.Contains("/etc/hosts", init.Command.Last());
        Assert.Contains("mysql", Names<V1Service>(objects));
        Assert.Null(RenderedObjects.Single<V1StatefulSet>(objects, "mysql").Spec.Template.Spec.InitContainers);
        Assert.NotNull(RenderedObjects.Single<V1Job>(objects, "mysql-databases").Spec.Template.Spec.InitContainers);
    }

    [Fact]
    public void Shared_asset_volumes_are_ReadWriteMany_and_reach_the_asset_jobs()
    {
        var objects = RenderedObjects.Of("openedx");

        Assert.Equal(["ReadWriteMany"], RenderedObjects.Single<V1PersistentVolumeClaim>(objects, "edxapp-lms-assets").Spec.AccessModes);
        Assert.Contains(RenderedObjects.Single<V1Job>(objects, "lms-assets").Spec.Template.Spec.Volumes, v => v.PersistentVolumeClaim.ClaimName == "edxapp-lms-assets");
        Assert.Null(RenderedObjects.Single<V1Job>(objects, "mysql-databases").Spec.Template.Spec.Volumes);
    }
}
