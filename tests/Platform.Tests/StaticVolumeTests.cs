using k8s.Models;
using Mooc.Build;
using Mooc.Manifests;

namespace Mooc.Platform.Tests;

/// <summary>--volumes static: a PersistentVolume per claim for clusters with no provisioner, bound to its claim both ways and kept when the claim goes.</summary>
public class StaticVolumeTests
{
    static readonly RenderOptions Static = new() { Namespace = "mooc-staging", StaticVolumes = new StaticVolumes("/srv/mooc-volumes", "node-1") };

    static IReadOnlyList<V1PersistentVolume> VolumesOf(IEnumerable<RenderedObject> objects) => objects.Select(o => o.Object).OfType<V1PersistentVolume>().ToList();
    static IReadOnlyList<V1PersistentVolumeClaim> ClaimsOf(IEnumerable<RenderedObject> objects) => objects.Select(o => o.Object).OfType<V1PersistentVolumeClaim>().ToList();

    [Theory]
    [MemberData(nameof(RenderedObjects.Platforms), MemberType = typeof(RenderedObjects))]
    public void Every_claim_gets_one_volume_bound_to_it_both_ways_with_its_size_and_access_modes(string platform)
    {
        var objects = RenderedObjects.Of(platform, Static);
        var claims = ClaimsOf(objects);
        var volumes = VolumesOf(objects);

        Assert.NotEmpty(claims);
        Assert.Equal(claims.Count, volumes.Count);
        foreach (var claim in claims)
        {
            var volume = Assert.Single(volumes, v => v.Spec.ClaimRef.Name == claim.Metadata.Name);
            Assert.Equal($"mooc-staging-{claim.Metadata.Name}", volume.Metadata.Name);
            Assert.Null(volume.Metadata.NamespaceProperty);
            Assert.Equal(("PersistentVolumeClaim", "mooc-staging"), (volume.Spec.ClaimRef.Kind, volume.Spec.ClaimRef.NamespaceProperty));
            Assert.Equal(volume.Metadata.Name, claim.Spec.VolumeName);
            Assert.Equal(claim.Spec.Resources.Requests["storage"].ToString(), volume.Spec.Capacity["storage"].ToString());
            Assert.Equal(claim.Spec.AccessModes, volume.Spec.AccessModes);
            Assert.Equal($"/srv/mooc-volumes/mooc-staging/{claim.Metadata.Name}", volume.Spec.HostPath.Path);
            Assert.Equal("DirectoryOrCreate", volume.Spec.HostPath.Type);
        }
    }

    [Fact]
    public void The_database_volume_is_as_large_as_the_platform_says_and_pod_local_volumes_get_none()
    {
        var reference = VolumesOf(RenderedObjects.Of("reference", Static));
        var openedx = VolumesOf(RenderedObjects.Of("openedx", Static));

        Assert.Equal("5Gi", Assert.Single(reference).Spec.Capacity["storage"].ToString());
        Assert.Equal("10Gi", openedx.Single(v => v.Spec.ClaimRef.Name == "mysql-data").Spec.Capacity["storage"].ToString());
        Assert.Equal(["ReadWriteOnce"], Assert.Single(reference).Spec.AccessModes);
        Assert.DoesNotContain(openedx, v => v.Spec.ClaimRef.Name is "edxapp-lms-assets" or "shm");
    }

    [Fact]
    public void A_volume_lives_on_the_named_node_is_retained_and_is_marked_as_holding_data()
    {
        var objects = RenderedObjects.Of("reference", Static);
        var volume = Assert.Single(VolumesOf(objects));

        var requirement = Assert.Single(Assert.Single(volume.Spec.NodeAffinity.Required.NodeSelectorTerms).MatchExpressions);
        Assert.Equal(("kubernetes.io/hostname", "In", "node-1"), (requirement.Key, requirement.OperatorProperty, Assert.Single(requirement.Values)));
        Assert.Equal("Retain", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.True(StaticVolumes.IsDataVolume(volume));
        Assert.Equal("mooc-staging", volume.Metadata.Labels[LabelNames.Instance]);
        Assert.Equal("reference", volume.Metadata.Labels[LabelNames.PartOf]);
        Assert.Equal(LabelNames.ManagedByValue, volume.Metadata.Labels[LabelNames.ManagedBy]);
        Assert.False(StaticVolumes.IsDataVolume(new V1PersistentVolume { Metadata = new V1ObjectMeta { Name = "someone-elses" } }));
    }

    [Fact]
    public void Volume_and_claim_name_one_class_the_fixed_one_unless_a_storage_class_is_given()
    {
        var objects = RenderedObjects.Of("reference", Static);
        var named = RenderedObjects.Of("reference", Static with { StorageClass = "local-storage" });

        Assert.Equal(StaticVolumes.DefaultStorageClass, Assert.Single(VolumesOf(objects)).Spec.StorageClassName);
        Assert.Equal(StaticVolumes.DefaultStorageClass, Assert.Single(ClaimsOf(objects)).Spec.StorageClassName);
        Assert.Equal("local-storage", Assert.Single(VolumesOf(named)).Spec.StorageClassName);
        Assert.Equal("local-storage", Assert.Single(ClaimsOf(named)).Spec.StorageClassName);
    }

    [Fact]
    public void Volumes_are_applied_with_the_claims_just_before_them()
    {
        var files = RenderedObjects.Of("reference", Static).Select(o => o.FileName).ToList();

        var volume = files.IndexOf("20-persistentvolume-mooc-staging-mysql-data.yaml");
        Assert.True(volume >= 0, string.Join(", ", files));
        Assert.Equal("20-persistentvolumeclaim-mysql-data.yaml", files[volume + 1]);
        Assert.StartsWith("10-", files[volume - 1]);
    }

    [Theory]
    [MemberData(nameof(RenderedObjects.Platforms), MemberType = typeof(RenderedObjects))]
    public void Without_static_volumes_nothing_but_claims_on_the_clusters_default_class_is_rendered(string platform)
    {
        var objects = RenderedObjects.Of(platform);

        Assert.Empty(VolumesOf(objects));
        Assert.All(ClaimsOf(objects), c => Assert.Equal((null, null), (c.Spec.StorageClassName, c.Spec.VolumeName)));
        Assert.DoesNotContain(objects, o => o.ToYaml().Contains("volumeName") || o.ToYaml().Contains(LabelNames.HoldsData));
    }

    [Fact]
    public void The_volume_as_written_quotes_its_capacity_and_names_the_host_path()
    {
        var yaml = RenderedObjects.Of("reference", Static).Single(o => o.Kind == "PersistentVolume").ToYaml();

        Assert.Contains("path: /srv/mooc-volumes/mooc-staging/mysql-data", yaml);
        Assert.Contains("persistentVolumeReclaimPolicy: Retain", yaml);
        Assert.Contains($"{LabelNames.HoldsData}: \"true\"", yaml);
    }

    [Theory]
    [InlineData("/srv/mooc/", "/srv/mooc")]
    [InlineData("//srv//mooc", "/srv/mooc")]
    [InlineData("/", "/")]
    public void A_root_is_kept_in_its_plain_form(string given, string kept)
    {
        var volumes = new StaticVolumes(given, "node-1");

        Assert.Equal(kept, volumes.Root);
        Assert.Equal(kept.TrimEnd('/') + "/ns/data", volumes.PathOf("ns", "data"));
    }

    [Theory]
    [InlineData("srv/mooc", "node-1", "root 'srv/mooc' (--volume-root) is not an absolute path on the node")]
    [InlineData("", "node-1", "(--volume-root) is not an absolute path on the node")]
    [InlineData("/srv/../etc", "node-1", "root '/srv/../etc' (--volume-root) has a '.' or '..' part")]
    [InlineData("/srv/./mooc", "node-1", "has a '.' or '..' part")]
    [InlineData("/srv/mooc", "Node_1", "node 'Node_1' (--volume-node) is not a node name")]
    [InlineData("/srv/mooc", "", "node '' (--volume-node) is not a node name")]
    public void Bad_static_volume_options_are_refused_naming_the_parameter_and_the_fix(string root, string node, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new StaticVolumes(root, node));

        Assert.Contains(expected, error.Message);
        Assert.Matches("e\\.g\\. --volume-root /srv/mooc-volumes|kubectl get nodes", error.Message);
        Assert.Throws<ArgumentException>(() => new StaticVolumes("/srv/mooc", "node-1") with { Root = "relative" });
    }

    [Fact]
    public void The_parameters_give_no_static_volumes_when_provisioned_and_the_only_node_when_none_is_named()
    {
        Assert.Null(StaticVolumes.For(VolumeMode.Provisioned, null, null, ["a", "b"]));
        Assert.Equal(new StaticVolumes("/srv/v", "only"), StaticVolumes.For(VolumeMode.Static, "/srv/v", null, ["only"]));
        Assert.Equal(new StaticVolumes("/srv/v", "b"), StaticVolumes.For(VolumeMode.Static, "/srv/v", "b", ["a", "b"]));
    }

    [Theory]
    [InlineData(null, null, "--volumes static needs --volume-root")]
    [InlineData("/srv/v", null, "--volumes static: the cluster has 2 nodes (a, b); name the one that keeps the data with --volume-node.")]
    [InlineData("/srv/v", "c", "--volume-node c: the cluster has no such node; it has: a, b.")]
    [InlineData("srv/v", "a", "root 'srv/v' (--volume-root) is not an absolute path on the node")]
    public void Parameters_that_name_no_usable_root_or_node_are_a_mistake_in_the_call(string? root, string? node, string expected)
    {
        var error = Assert.Throws<BuildException>(() => StaticVolumes.For(VolumeMode.Static, root, node, ["b", "a"]));

        Assert.Contains(expected, error.Message);
    }
}
