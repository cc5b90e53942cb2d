using Mooc.Build;
using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Local.Tests;

public sealed class SecretsTests
{
    [Fact]
    public void Secrets_are_generated_once_kept_owner_only_reused_and_masked()
    {
        var deployment = "sec" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var first = DeploymentSecrets.LoadOrCreate(deployment, [new SecretDefinition("db-password", 32, SecretAlphabet.Alphanumeric)]);
            var value = first["db-password"];
            Assert.Equal(32, value.Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.FilePath));
            Assert.Equal("*****", SecretMaskingWriter.MaskText(value));

            var later = DeploymentSecrets.LoadOrCreate(deployment,
                [new SecretDefinition("db-password", 32, SecretAlphabet.Alphanumeric), new SecretDefinition("api-key", 16, SecretAlphabet.Hex)]);
            Assert.Equal(value, later["db-password"]);
            Assert.Matches("^[0-9a-f]{16}$", later["api-key"]);

            var other = DeploymentSecrets.LoadOrCreate(deployment + "b", [new SecretDefinition("db-password", 32, SecretAlphabet.Alphanumeric)]);
            Assert.NotEqual(value, other["db-password"]);
            DeploymentSecrets.Delete(deployment + "b");
        }
        finally
        {
            DeploymentSecrets.Delete(deployment);
        }
    }
}
