using System.Runtime.Versioning;
using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Local.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class SecretsTests
{
    static readonly SecretDefinition DbPassword = new("db-password", 32, SecretAlphabet.Alphanumeric);

    [Fact]
    public async Task Secrets_are_generated_once_kept_owner_only_reused_and_masked()
    {
        var deployment = "sec" + Guid.NewGuid().ToString("N")[..8];
        var store = new FileSecretStore(deployment);
        var otherStore = new FileSecretStore(deployment + "b");
        try
        {
            var first = await DeploymentSecrets.LoadOrCreateAsync(store, deployment, [DbPassword], CancellationToken.None);
            var value = first["db-password"];
            Assert.Equal(32, value.Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
            Assert.Equal("*****", SecretMaskingWriter.MaskText(value));

            var later = await DeploymentSecrets.LoadOrCreateAsync(store, deployment, [DbPassword, new SecretDefinition("api-key", 16, SecretAlphabet.Hex)], CancellationToken.None);
            Assert.Equal(value, later["db-password"]);
            Assert.Matches("^[0-9a-f]{16}$", later["api-key"]);

            var other = await DeploymentSecrets.LoadOrCreateAsync(otherStore, deployment + "b", [DbPassword], CancellationToken.None);
            Assert.NotEqual(value, other["db-password"]);

            await DeploymentSecrets.RotateAsync(store, deployment, ["db-password"], CancellationToken.None);
            var rotated = await DeploymentSecrets.LoadOrCreateAsync(store, deployment, [DbPassword], CancellationToken.None);
            Assert.NotEqual(value, rotated["db-password"]);
            Assert.Equal(later["api-key"], rotated["api-key"]);
        }
        finally
        {
            await store.DeleteAsync(CancellationToken.None);
            await otherStore.DeleteAsync(CancellationToken.None);
        }
    }
}
