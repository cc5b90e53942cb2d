using k8s;
using k8s.Models;
using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Cluster.Tests;

/// <summary>
/// The real API server accepts every object the renderer writes: each platform, rendered with its
/// default parameters (and openedx with every optional service and step switched on) into a namespace of the
/// test's own (created for real, deleted afterwards), passes a server-side dry-run apply object by object.
/// PodDisruptionBudgets take the apiVersion the server's discovery says it serves.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class DryRunApplyTests : IClassFixture<ClusterFixture>
{
    public static TheoryData<string, string> Platforms => new()
    {
        { "reference", "" },
        { "openedx", "" },
        { "openedx", "enable-forum=true enable-gradebook=true" },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Every_rendered_object_passes_a_server_side_dry_run_apply(string platform, string switches)
    {
        var parameters = switches.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
        using var client = DryRunApply.Connect();
        var discovery = await client.Apis.GetAPIVersionsAsync();
        var options = new RenderOptions
        {
            Namespace = $"dryrun-{platform}-{Guid.NewGuid().ToString("N")[..8]}",
            DisruptionBudgetApiVersion = RenderOptions.DisruptionBudgetApiVersionServedBy(discovery.Groups.SelectMany(g => g.Versions).Select(v => v.GroupVersion)),
        };
        var objects = ManifestRenderer.Render(PlatformLoader.LoadByName(platform, parameters), options);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = options.Namespace } });
        try
        {
            var rejections = new List<string>();
            foreach (var rendered in objects)
                if (await DryRunApply.RejectionAsync(client, rendered, CancellationToken.None) is { } message)
                    rejections.Add($"{rendered.Object.ApiVersion} {rendered.Kind} {rendered.Name} ({rendered.FileName}): {message}");

            Assert.True(rejections.Count == 0, $"The API server rejected {rejections.Count} of {objects.Count} objects of platform '{platform}':\n{string.Join("\n", rejections)}");
            Assert.Contains(objects, o => o.Kind == "Deployment");
            // What the server judged includes the governing Services of the StatefulSets.
            Assert.Contains(objects, o => o.Object is V1Service { Spec.ClusterIP: "None" });
            if (platform == "openedx")
            {
                var pods = objects.Select(o => o.Object).OfType<V1Deployment>().Select(d => d.Spec.Template.Spec).ToList();
                Assert.Contains(pods, p => p.Volumes?.Any(v => v.EmptyDir?.Medium == "Memory") == true);
                Assert.Contains(pods, p => p.InitContainers?.Any(c => c.Name.StartsWith("seed-")) == true);
            }
        }
        finally
        {
            await client.CoreV1.DeleteNamespaceAsync(options.Namespace);
        }
    }
}
