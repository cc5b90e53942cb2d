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
        var init = lms.InitContainers.Single(c => c.Name == "host-aliases");
        var aliases = init.Env.Single(e => e.Name == "MOOC_HOST_ALIASES").Value.Split(' ');
        Assert.Contains("edx.devstack.mysql=mysql", aliases);
        Assert.Contains("edx.devstack.edx_notes_api=edx-notes-api", aliases);
        Assert.Contains("/etc/hosts", init.Command.Last());
        Assert.Contains("mysql", Names<V1Service>(objects));
        Assert.Null(RenderedObjects.Single<V1StatefulSet>(objects, "mysql").Spec.Template.Spec.InitContainers);
        Assert.NotNull(RenderedObjects.Single<V1Job>(objects, "lms-migrate").Spec.Template.Spec.InitContainers);
    }

    [Fact]
    public void The_databases_keep_their_images_entrypoint_and_get_only_arguments()
    {
        var objects = RenderedObjects.Of("openedx");

        foreach (var (name, first) in new[] { ("mysql", "mysqld"), ("mongo", "mongod") })
        {
            var container = RenderedObjects.Single<V1StatefulSet>(objects, name).Spec.Template.Spec.Containers[0];
            Assert.Null(container.Command);
            Assert.Equal(first, container.Args[0]);
        }
        // No rendered service container replaces its image's entrypoint: every devstack command was a CMD.
        Assert.All(RenderedObjects.PodTemplates(objects).Where(t => t.Owner.Object is not V1Job),
            t => Assert.Null(t.Template.Spec.Containers[0].Command));
    }

    [Fact]
    public void A_service_command_is_refused_with_what_to_write_instead()
    {
        var yaml = File.ReadAllText(PlatformLoader.PathFor("openedx")).Replace("    args: [mysqld,", "    command: [mysqld,");

        var error = Assert.Throws<PlatformValidationException>(() => PlatformLoader.Parse(yaml, "openedx.yaml"));

        var wrong = Assert.Single(error.Errors, e => e.Field == "services[mysql].command");
        Assert.Contains("'args: [...]'", wrong.Message);
        Assert.Contains("'entrypoint: [...]'", wrong.Message);
        Assert.True(wrong.Line > 0);
    }

    [Theory]
    [InlineData("chrome")]
    [InlineData("firefox")]
    public void Browsers_get_a_memory_backed_shm_of_2Gi_and_run_as_their_images_user(string browser)
    {
        var pod = RenderedObjects.Single<V1Deployment>(RenderedObjects.Of("openedx"), browser).Spec.Template.Spec;

        var shm = pod.Containers[0].VolumeMounts.Single(m => m.MountPath == "/dev/shm");
        var volume = pod.Volumes.Single(v => v.Name == shm.Name);
        Assert.Equal("Memory", volume.EmptyDir.Medium);
        Assert.Equal(new ResourceQuantity("2Gi"), volume.EmptyDir.SizeLimit);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(1000, pod.SecurityContext.RunAsUser);
    }

    [Theory]
    [MemberData(nameof(RenderedObjects.Platforms), MemberType = typeof(RenderedObjects))]
    public void Every_StatefulSet_is_governed_by_a_headless_Service_that_selects_its_pods(string platform)
    {
        var objects = RenderedObjects.Of(platform);
        var services = objects.Select(o => o.Object).OfType<V1Service>().ToDictionary(s => s.Metadata.Name);

        var statefulSets = objects.Select(o => o.Object).OfType<V1StatefulSet>().ToList();
        Assert.NotEmpty(statefulSets);
        foreach (var set in statefulSets)
        {
            Assert.True(services.TryGetValue(set.Spec.ServiceName, out var governing), $"{set.Metadata.Name}: no Service '{set.Spec.ServiceName}'");
            Assert.Equal("None", governing.Spec.ClusterIP);
            Assert.Equal(set.Spec.Selector.MatchLabels, governing.Spec.Selector);
            // Clients keep the ClusterIP Service of the same name.
            Assert.Null(services[set.Metadata.Name].Spec.ClusterIP);
        }
    }

    [Fact]
    public void Liveness_asks_only_whether_the_process_answers_and_readiness_asks_the_heartbeat()
    {
        var objects = RenderedObjects.Of("openedx");

        foreach (var template in RenderedObjects.PodTemplates(objects).Where(t => t.Owner.Object is not V1Job))
        {
            var container = template.Template.Spec.Containers[0];
            Assert.True(container.LivenessProbe is { TcpSocket: not null } or { Exec: not null }, $"{container.Name}: liveness must be tcp or exec");
            Assert.Null(container.StartupProbe?.HttpGet);
        }
        foreach (var app in new[] { "lms", "studio" })
            Assert.Equal("/heartbeat", RenderedObjects.Single<V1Deployment>(objects, app).Spec.Template.Spec.Containers[0].ReadinessProbe.HttpGet.Path);
    }

    [Fact]
    public void No_claim_needs_ReadWriteMany_and_pod_local_asset_volumes_are_filled_from_the_image()
    {
        var objects = RenderedObjects.Of("openedx");

        Assert.All(objects.Select(o => o.Object).OfType<V1PersistentVolumeClaim>(), c => Assert.Equal(["ReadWriteOnce"], c.Spec.AccessModes));
        var lms = RenderedObjects.Single<V1Deployment>(objects, "lms").Spec.Template.Spec;
        Assert.NotNull(lms.Volumes.Single(v => v.Name == "edxapp-lms-assets").EmptyDir);
        var seed = lms.InitContainers.Single(c => c.Name == "seed-edxapp-lms-assets");
        Assert.Equal(lms.Containers[0].Image, seed.Image);
        Assert.Contains("/edx/var/edxapp/staticfiles", seed.Command);
        Assert.Equal("edxapp-lms-assets", Assert.Single(seed.VolumeMounts).Name);
    }

    [Fact]
    public void The_demo_course_step_needs_the_internet_and_can_be_switched_off()
    {
        Assert.Contains("lms-demo-course", Names<V1Job>(RenderedObjects.Of("openedx")));

        var objects = Render(new() { ["enable-demo-course"] = "false" });

        Assert.DoesNotContain("lms-demo-course", Names<V1Job>(objects));
        Assert.Contains("lms-migrate", Names<V1Job>(objects));
    }

    [Fact]
    public void Images_that_allow_it_run_as_their_own_non_root_user()
    {
        var objects = RenderedObjects.Of("openedx");

        foreach (var (name, user) in new[] { ("mysql", 999L), ("mongo", 999L) })
        {
            var security = RenderedObjects.Single<V1StatefulSet>(objects, name).Spec.Template.Spec.SecurityContext;
            Assert.True(security.RunAsNonRoot);
            Assert.Equal(user, security.RunAsUser);
            Assert.Equal(user, security.FsGroup);
        }
        Assert.True(RenderedObjects.Single<V1Deployment>(objects, "memcached").Spec.Template.Spec.SecurityContext.RunAsNonRoot);
    }

    [Fact]
    public void Image_tags_are_pinned_except_the_ones_the_README_explains()
    {
        var platform = PlatformLoader.LoadByName("openedx", new Dictionary<string, string> { ["enable-forum"] = "true", ["enable-gradebook"] = "true" });
        var readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(PlatformLoader.PathFor("openedx"))!, "README.md"));

        foreach (var service in platform.EnabledServices)
        {
            var reference = service.Image.Reference!;
            var tag = reference[(reference.LastIndexOf(':') + 1)..];
            if (tag.Any(char.IsDigit) && !tag.EndsWith(".master")) continue;
            Assert.True(readme.Contains($"`{reference.Replace("ironwood.master", "${release}")}`") || readme.Contains($"`{reference}`"),
                $"{service.Name}: {reference} moves; pin it or say in README.md why it cannot be pinned");
        }
    }
}
