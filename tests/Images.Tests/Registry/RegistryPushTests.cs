using Docker.DotNet.Models;
using Mooc.Images;

namespace Images.Tests.Registry;

/// <summary>Images pushed to a real registry (Debian's docker-registry on 127.0.0.1) and what the pipeline then runs.</summary>
[Collection("console log")]
public sealed class RegistryPushTests : IAsyncLifetime
{
    readonly RegistryTestImages _images = new();
    LocalRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await LocalRegistry.StartAsync(CancellationToken.None);

    [Fact]
    public async Task A_built_image_is_pushed_whole_under_its_content_hash_and_runs_from_the_registry_after_the_local_copy_is_gone()
    {
        var name = _images.Recipe("rg-push");
        var request = _images.Request(name) with { Registry = _registry.Address };

        var images = await ImageBuilder.BuildAsync(request, CancellationToken.None);

        var image = images[name];
        var repository = $"{TestRepository.Namespace}/{name}";
        var pushed = $"{_registry.Address}/{repository}:{image.Hash}";
        Assert.Equal(pushed, image.PushedReference);
        Assert.Equal(pushed, image.Reference);
        Assert.Equal(pushed, images.Resolve(repository));
        using var api = new RegistryApi(_registry.Address);
        Assert.Equal([image.Hash], await api.TagsAsync(repository));
        var digest = await api.ManifestDigestAsync(repository, image.Hash);
        using var docker = await DockerProbe.ClientAsync();
        Assert.Contains($"{_registry.Address}/{repository}@{digest}", (await docker.Images.InspectImageAsync(image.LocalTag)).RepoDigests);
        Assert.All(await api.BlobsAsync(repository, image.Hash), blob => Assert.True(blob.Stored, $"the registry lacks blob {blob.Digest}"));

        // Nothing on this engine any more: the image comes back from the registry alone, and runs.
        await docker.Images.DeleteImageAsync(image.LocalTag, new ImageDeleteParameters());
        await docker.Images.DeleteImageAsync(pushed, new ImageDeleteParameters());
        await Assert.ThrowsAsync<Docker.DotNet.DockerImageNotFoundException>(() => docker.Images.InspectImageAsync(pushed));
        await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = $"{_registry.Address}/{repository}", Tag = image.Hash }, null, new Progress<JSONMessage>());
        Assert.Equal(image.Id, (await docker.Images.InspectImageAsync(pushed)).ID);
        var (exitCode, output) = await DockerProbe.RunAsync(docker, pushed);
        Assert.Equal(0, exitCode);
        Assert.Equal($"made by {name}", output.Trim());
    }

    [Fact]
    public async Task A_second_run_finds_the_image_in_the_registry_and_uploads_nothing()
    {
        var name = _images.Recipe("rg-again");
        var request = _images.Request(name) with { Registry = _registry.Address };
        var first = (await ImageBuilder.BuildAsync(request, CancellationToken.None))[name];

        using var log = new ConsoleLog();
        var second = (await ImageBuilder.BuildAsync(request, CancellationToken.None))[name];

        Assert.False(second.Built);
        Assert.Equal(first.PushedReference, second.Reference);
        Assert.Contains($"{first.PushedReference} is in {_registry.Address} already", log.Text);
        Assert.DoesNotContain($"Pushed {first.PushedReference}", log.Text);
        using var api = new RegistryApi(_registry.Address);
        Assert.Equal([first.Hash], await api.TagsAsync($"{TestRepository.Namespace}/{name}"));
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        await _registry.DisposeAsync();
    }
}
