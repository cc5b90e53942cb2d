using Mooc.Manifests;
using Mooc.Platform.Loading;

namespace Mooc.Platform.Tests;

/// <summary>
/// The committed manifests/&lt;platform&gt;/rendered/ equal a fresh render. Regenerate with
/// `./build.sh Manifests --platform NAME` or `MOOC_UPDATE_GOLDEN=1 dotnet test tests/Platform.Tests`.
/// </summary>
public class GoldenManifestTests
{
    public static TheoryData<string> Platforms => new() { "reference", "openedx" };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Committed_rendered_manifests_are_up_to_date(string platformName)
    {
        var directory = PlatformManifests.RenderedDirectory(platformName);
        if (Environment.GetEnvironmentVariable("MOOC_UPDATE_GOLDEN") == "1")
            await PlatformManifests.RenderAsync(platformName, CancellationToken.None);

        var expected = ManifestRenderer.Render(PlatformLoader.LoadByName(platformName), new RenderOptions())
            .ToDictionary(o => o.FileName, o => o.ToYaml().ReplaceLineEndings("\n"));
        var committed = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllText)
            : [];

        var regenerate = $"Regenerate with `./build.sh Manifests --platform {platformName}` (or MOOC_UPDATE_GOLDEN=1 dotnet test tests/Platform.Tests) and commit {directory}.";
        var missing = expected.Keys.Except(committed.Keys).Order().ToList();
        var stale = committed.Keys.Except(expected.Keys).Order().ToList();
        var changed = expected.Keys.Intersect(committed.Keys).Where(f => expected[f] != committed[f]).Order().ToList();
        Assert.True(missing.Count + stale.Count + changed.Count == 0,
            $"manifests/{platformName}/rendered is stale: missing [{string.Join(", ", missing)}], no longer rendered [{string.Join(", ", stale)}], different [{string.Join(", ", changed)}]. {regenerate}");
    }

    [Fact]
    public async Task Writer_removes_stale_files_and_leaves_unchanged_files_alone()
    {
        var directory = Directory.CreateTempSubdirectory("mooc-rendered-").FullName;
        try
        {
            var objects = ManifestRenderer.Render(PlatformLoader.LoadByName("reference"), new RenderOptions());
            await File.WriteAllTextAsync(Path.Combine(directory, "99-deployment-removed-service.yaml"), "kind: Deployment\n");

            var first = await ManifestWriter.WriteAsync(objects, directory, CancellationToken.None);
            var second = await ManifestWriter.WriteAsync(objects, directory, CancellationToken.None);

            Assert.Equal(["99-deployment-removed-service.yaml"], first.Removed);
            Assert.Equal(objects.Count, first.Written.Count);
            Assert.Empty(second.Written);
            Assert.Equal(objects.Select(o => o.FileName).Order(), Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
