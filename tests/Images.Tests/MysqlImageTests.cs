using Docker.DotNet.Models;
using Mooc.Docker;

namespace Images.Tests;

/// <summary>
/// The provisioned database image: its data survives the commit (it lives outside the VOLUME path), an
/// empty volume is initialised from it, and credentials come only from the environment at start.
/// </summary>
public sealed class MysqlImageTests(MysqlImageFixture mysql) : IClassFixture<MysqlImageFixture>
{
    const string SeedQuery = "SELECT value FROM edxapp.mooc_provisioning WHERE name = 'seed'";
    // What mysql_native_password stores: '*' and 40 hex digits. Any baked-in password would show up as
    // one; the help tables are left out because their PASSWORD() example holds such a hash.
    const string PasswordHashPattern = @"\*[0-9A-F]{40}";

    static string NewPassword() => "pw-" + Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task A_fresh_container_answers_a_query_on_the_seeded_database()
    {
        var password = NewPassword();
        var container = await mysql.StartAsync(NewPassword(), password);
        try
        {
            var (exitCode, output) = await mysql.QueryAsync(container, "edxapp001", password, SeedQuery);

            Assert.True(exitCode == 0, output);
            Assert.Equal("mooc reference platform", output.Trim());
        }
        finally
        {
            await mysql.RemoveAsync(container);
        }
    }

    [Fact]
    public async Task An_empty_volume_is_initialised_from_the_seed_and_a_restart_applies_rotated_passwords()
    {
        var volume = $"mooc-imagetest-mysql-data-{Guid.NewGuid():N}"[..36];
        await mysql.Docker.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = RunLabels.Transient() });
        string? container = null;
        try
        {
            var firstPassword = NewPassword();
            container = await mysql.StartAsync(NewPassword(), firstPassword, volume);
            var write = await mysql.QueryAsync(container, "edxapp001", firstPassword,
                "CREATE TABLE edxapp.kept (id INT); INSERT INTO edxapp.kept VALUES (42); " + SeedQuery);
            Assert.True(write.ExitCode == 0, write.Output);
            Assert.Equal("mooc reference platform", write.Output.Trim());
            await mysql.RemoveAsync(container);

            var rotatedPassword = NewPassword();
            container = await mysql.StartAsync(NewPassword(), rotatedPassword, volume);
            var read = await mysql.QueryAsync(container, "edxapp001", rotatedPassword, "SELECT id FROM edxapp.kept");
            var oldPassword = await mysql.QueryAsync(container, "edxapp001", firstPassword, "SELECT 1", waitForServer: false);

            Assert.True(read.ExitCode == 0, read.Output);
            Assert.Equal("42", read.Output.Trim());
            Assert.NotEqual(0, oldPassword.ExitCode);
            Assert.Contains("Access denied", oldPassword.Output);
        }
        finally
        {
            if (container is not null) await mysql.RemoveAsync(container);
            await mysql.Docker.Volumes.RemoveAsync(volume, force: true);
        }
    }

    [Fact]
    public async Task The_image_holds_no_password()
    {
        var rootPassword = NewPassword();
        var userPassword = NewPassword();
        var container = await mysql.StartAsync(rootPassword, userPassword);
        try
        {
            var ready = await mysql.QueryAsync(container, "root", rootPassword, "SELECT 1");
            Assert.True(ready.ExitCode == 0, ready.Output);

            // The check can see a password: the running container's data directory now holds the hashes.
            var inRunningContainer = await DockerProbe.ExecAsync(mysql.Docker, container, "grep", "-rlaE", "--exclude=help_*", PasswordHashPattern, "/var/lib/mysql/mysql");
            Assert.Equal(0, inRunningContainer.ExitCode);

            var (exitCode, output) = await DockerProbe.RunAsync(mysql.Docker, mysql.Image.Reference,
                ["sh", "-c", $"grep -rlaE --exclude='help_*' '{PasswordHashPattern}' /usr/share/mooc/mysql-seed /var/lib/mysql /etc/mysql; echo \"grep exit $?\""]);
            Assert.True(output.Trim().EndsWith("grep exit 1", StringComparison.Ordinal), $"password hashes found in the image: {output}");

            var config = (await mysql.Docker.Images.InspectImageAsync(mysql.Image.Reference)).Config;
            Assert.DoesNotContain(config.Env ?? [], e => e.Contains("PASSWORD", StringComparison.Ordinal));
            Assert.DoesNotContain(config.Env ?? [], e => e.Contains(rootPassword, StringComparison.Ordinal) || e.Contains(userPassword, StringComparison.Ordinal));
        }
        finally
        {
            await mysql.RemoveAsync(container);
        }
    }

    [Fact]
    public async Task Without_passwords_the_container_refuses_to_start_and_says_which_secret_is_missing()
    {
        var (exitCode, output) = await DockerProbe.RunAsync(mysql.Docker, mysql.Image.Reference, environment: ["MYSQL_PASSWORD=x-password"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("MYSQL_ROOT_PASSWORD is not set", output);
    }
}
