using Docker.DotNet.Models;
using Mooc.Images;
using Mooc.Images.Registry;

namespace Images.Tests.Registry;

/// <summary>
/// A registry that fails for a moment (503 from a proxy in front of a real one) is tried again, and the log
/// says so; one that does not know the image fails at once, with its reason.
/// </summary>
[Collection("console log")]
public sealed class RegistryRetryTests : IAsyncLifetime
{
    // Short waits: the test is about what is retried and said, not about how long the backoff is.
    static readonly RegistryRetry QuickRetry = new() { FirstDelay = TimeSpan.FromMilliseconds(200) };
    readonly RegistryTestImages _images = new();
    LocalRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await LocalRegistry.StartAsync(CancellationToken.None);

    [Fact]
    public async Task A_push_that_gets_503_twice_is_retried_with_backoff_and_succeeds()
    {
        await using var flaky = new FlakyRegistryProxy(_registry.Port, manifestFailures: 2);
        var name = _images.Recipe("rg-retry");
        using var log = new ConsoleLog();

        var image = (await ImageBuilder.BuildAsync(_images.Request(name) with { Registry = flaky.Address, RegistryRetry = QuickRetry }, CancellationToken.None))[name];

        var pushed = $"{flaky.Address}/{TestRepository.Namespace}/{name}:{image.Hash}";
        Assert.Equal(pushed, image.Reference);
        Assert.Equal(2, flaky.Failed);
        Assert.Contains($"push of {pushed} failed (received unexpected HTTP status: 503 Service Unavailable), retrying in 200 ms (attempt 2 of 5)", log.Text);
        Assert.Contains($"push of {pushed} failed (received unexpected HTTP status: 503 Service Unavailable), retrying in 400 ms (attempt 3 of 5)", log.Text);
        Assert.DoesNotContain("attempt 4 of 5", log.Text);
        using var api = new RegistryApi(_registry.Address);
        Assert.Equal([image.Hash], await api.TagsAsync($"{TestRepository.Namespace}/{name}"));
        Assert.Contains($"Pushed {pushed}", log.Text);
    }

    [Fact]
    public async Task A_base_image_pull_that_gets_503_twice_is_retried_and_the_recipe_builds_on_it()
    {
        var baseRepository = $"{TestRepository.Namespace}/{RegistryTestImages.Unique("rg-base")}";
        await PushDebianAsAsync(baseRepository);
        await using var flaky = new FlakyRegistryProxy(_registry.Port, manifestFailures: 2);
        var from = $"{flaky.Address}/{baseRepository}:1";
        _images.Remember(from);
        var name = _images.Recipe("rg-on-pulled", from);
        using var log = new ConsoleLog();

        var image = (await ImageBuilder.BuildAsync(_images.Request(name) with { RegistryRetry = QuickRetry }, CancellationToken.None))[name];

        Assert.True(image.Built);
        Assert.Equal(2, flaky.Failed);
        Assert.Contains($"pull of {from} failed (received unexpected HTTP status: 503 Service Unavailable), retrying in 200 ms (attempt 2 of 5)", log.Text);
        using var docker = await DockerProbe.ClientAsync();
        var (_, output) = await DockerProbe.RunAsync(docker, image.Reference);
        Assert.Equal($"made by {name}", output.Trim());
    }

    [Fact]
    public async Task A_base_image_the_registry_does_not_have_fails_at_once_with_its_reason()
    {
        var from = $"{_registry.Address}/{TestRepository.Namespace}/{RegistryTestImages.Unique("rg-missing")}:1";
        var name = _images.Recipe("rg-on-missing", from);
        using var log = new ConsoleLog();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ImageBuilder.BuildAsync(_images.Request(name) with { RegistryRetry = QuickRetry }, CancellationToken.None));

        Assert.Contains($"Base image {from} is not on this engine and pulling it from registry {_registry.Address} failed", failure.Message);
        Assert.Contains("manifest unknown", failure.Message);
        Assert.DoesNotContain("retrying", log.Text);
    }

    /// <summary>debian:bookworm, as the registry's &lt;repository&gt;:1, and not under that name on this engine.</summary>
    async Task PushDebianAsAsync(string repository)
    {
        using var docker = await DockerProbe.ClientAsync();
        var remote = $"{_registry.Address}/{repository}";
        await docker.Images.TagImageAsync("debian:bookworm", new ImageTagParameters { RepositoryName = remote, Tag = "1" });
        try
        {
            string? error = null;
            await docker.Images.PushImageAsync(remote, new ImagePushParameters { Tag = "1" }, new AuthConfig(), new Progress<JSONMessage>(m => error ??= m.Error?.Message));
            Assert.Null(error);
        }
        finally
        {
            await docker.Images.DeleteImageAsync($"{remote}:1", new ImageDeleteParameters());
        }
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        await _registry.DisposeAsync();
    }
}
