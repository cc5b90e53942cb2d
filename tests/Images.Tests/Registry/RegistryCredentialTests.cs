using Mooc.Images;

namespace Images.Tests.Registry;

/// <summary>A registry that admits one user (htpasswd): wrong credentials fail the push at once, saying why; right ones push.</summary>
[Collection("console log")]
public sealed class RegistryCredentialTests : IAsyncLifetime
{
    const string User = "rg-pusher";
    readonly string _password = Guid.NewGuid().ToString("N");
    readonly RegistryTestImages _images = new();
    LocalRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await LocalRegistry.StartAsync(CancellationToken.None, User, _password);

    [Fact]
    public async Task Wrong_credentials_fail_at_once_with_the_registry_s_reason_and_right_ones_push()
    {
        var name = _images.Recipe("rg-auth");
        var request = _images.Request(name) with { Registry = _registry.Address };

        using (var log = new ConsoleLog())
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                ImageBuilder.BuildAsync(request with { RegistryCredentials = $"{User}:not-{_password}" }, CancellationToken.None));
            Assert.Contains($"to registry {_registry.Address}", refused.Message);
            Assert.Matches("unauthorized|denied|authentication required", refused.Message);
            Assert.DoesNotContain("retrying", log.Text);
        }
        using var api = new RegistryApi(_registry.Address, User, _password);
        Assert.Empty(await api.TagsAsync($"{TestRepository.Namespace}/{name}"));

        var image = (await ImageBuilder.BuildAsync(request with { RegistryCredentials = $"{User}:{_password}" }, CancellationToken.None))[name];

        Assert.Equal($"{_registry.Address}/{TestRepository.Namespace}/{name}:{image.Hash}", image.Reference);
        Assert.Equal([image.Hash], await api.TagsAsync($"{TestRepository.Namespace}/{name}"));
    }

    [Fact]
    public async Task A_base_image_from_the_registry_is_pulled_with_its_credentials()
    {
        var baseName = _images.Recipe("rg-auth-base");
        var credentials = $"{User}:{_password}";
        var request = _images.Request(baseName) with { Registry = _registry.Address, RegistryCredentials = credentials };
        var pushedBase = (await ImageBuilder.BuildAsync(request, CancellationToken.None))[baseName].Reference;
        using var docker = await DockerProbe.ClientAsync();
        // Only the registry has it under this name now: a build on it must pull it, logged in.
        await docker.Images.DeleteImageAsync(pushedBase, new Docker.DotNet.Models.ImageDeleteParameters());
        var name = _images.Recipe("rg-auth-on", pushedBase);
        using var log = new ConsoleLog();

        var image = (await ImageBuilder.BuildAsync(_images.Request(name) with { Registry = _registry.Address, RegistryCredentials = credentials }, CancellationToken.None))[name];

        Assert.Contains($"Base image {pushedBase} is not here; pulling it from {_registry.Address}", log.Text);
        Assert.True(image.Built);
        var (_, output) = await DockerProbe.RunAsync(docker, image.Reference);
        Assert.Equal($"made by {name}", output.Trim());
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        await _registry.DisposeAsync();
    }
}
