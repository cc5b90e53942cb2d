using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Images;

namespace Images.Tests;

/// <summary>
/// With no registry reachable (these machines), a missing Debian base is made with debootstrap and
/// imported. Uses debian:bookworm-slim so the pipeline's debian:bookworm is left alone; takes about a minute.
/// </summary>
public sealed class DebianBaseTests : IAsyncLifetime
{
    const string Base = "debian:bookworm-slim";
    readonly TestRepository _repository = new();
    readonly string _recipe = $"slim-{Guid.NewGuid():N}"[..13];
    DockerClient _docker = null!;

    public async Task InitializeAsync()
    {
        _docker = await DockerProbe.ClientAsync();
        await RemoveBaseAsync();
    }

    [Fact]
    public async Task A_missing_debian_base_is_made_with_debootstrap_and_used()
    {
        _repository.Write($"images/{_recipe}/image.yaml", $"from: {Base}\nsteps:\n  - name: read the release\n    run: cat /etc/debian_version > /release\ncommit:\n  cmd: [\"cat\", \"/release\"]\n");

        var images = await ImageBuilder.BuildAsync(_repository.Request(_recipe), CancellationToken.None);

        var baseImage = await _docker.Images.InspectImageAsync(Base);
        Assert.Equal(["bash"], baseImage.Config.Cmd);
        var (exitCode, output) = await DockerProbe.RunAsync(_docker, images[_recipe].Reference);
        Assert.Equal(0, exitCode);
        Assert.StartsWith("12.", output.Trim());
    }

    public async Task DisposeAsync()
    {
        var built = await _docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"org.mooc.recipe={_recipe}"] = true } },
        });
        foreach (var image in built) await _docker.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true });
        await RemoveBaseAsync();
        _repository.Dispose();
        _docker.Dispose();
    }

    // Removed before and after, so every run goes through debootstrap rather than finding the last run's image.
    async Task RemoveBaseAsync()
    {
        try { await _docker.Images.DeleteImageAsync(Base, new ImageDeleteParameters { Force = true }); }
        catch (DockerImageNotFoundException) { }
    }
}
