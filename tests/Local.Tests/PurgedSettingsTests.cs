using Mooc.Build;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Local.Tests;

/// <summary>
/// The real <c>./build.sh Down --purge</c> forgets a deployment entirely, its saved settings included: a later
/// run naming it starts from the defaults, not from the old port and --set.
/// </summary>
public sealed class PurgedSettingsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Down_purge_forgets_the_saved_settings_says_so_and_later_runs_use_the_defaults()
    {
        var name = "st-pg-" + Guid.NewGuid().ToString("N")[..6];
        var settings = RememberedSettings.FileFor(Path.Combine(RepositoryPaths.Root, ".nuke"), name);
        try
        {
            // What a first Deploy with --public-port and --set saves.
            Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
            await File.WriteAllTextAsync(settings, """{ "PublicPort": 18429, "Set": ["public-hosts=purge.example.edu"] }""");
            var (_, remembered) = await BuildProcess.RunAsync(output, "--help", "--deployment", name);
            Assert.Contains(remembered, l => l.Contains($"18429 (from deployment {name})"));

            var (exitCode, down) = await BuildProcess.RunAsync(output, "Down", "--purge", "--deployment", name);
            Assert.Equal(0, exitCode);
            Assert.Contains(down, l => l.Contains($"Forgot the settings of deployment {name}") && l.Contains("starts from the defaults"));
            Assert.False(File.Exists(settings), $"{settings} is still there after Down --purge");

            var (_, after) = await BuildProcess.RunAsync(output, "--help", "--deployment", name);
            Assert.DoesNotContain(after, l => l.Contains($"(from deployment {name})") || l.Contains("18429"));
        }
        finally
        {
            BuildProcess.ForgetSettings(name);
        }
    }

    [Fact]
    public async Task A_saved_set_the_platform_no_longer_declares_is_traced_to_its_file_and_can_be_replaced_to_forget_it()
    {
        var name = "st-pg-" + Guid.NewGuid().ToString("N")[..6];
        var settings = RememberedSettings.FileFor(Path.Combine(RepositoryPaths.Root, ".nuke"), name);
        try
        {
            // What an older platform, which declared this parameter, let a Deploy save.
            Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
            await File.WriteAllTextAsync(settings, """{ "Set": ["dropped-parameter=1"] }""");

            var (refused, error) = await BuildProcess.RunAsync(output, "Down", "--purge", "--deployment", name);
            Assert.Equal(2, refused);
            Assert.Contains(error, l => l.Contains("'dropped-parameter'") && l.Contains("is not a parameter of this platform"));
            Assert.Contains(error, l => l.Contains($"saved settings of deployment {name} (.nuke/temp/settings/{name}.json)") && l.Contains("give --set again"));
            Assert.True(File.Exists(settings), "a refused run must not touch the saved settings");

            var (exitCode, _) = await BuildProcess.RunAsync(output, "Down", "--purge", "--deployment", name, "--set", "public-hosts=example.edu");
            Assert.Equal(0, exitCode);
            Assert.False(File.Exists(settings), $"{settings} is still there after Down --purge with --set given again");
        }
        finally
        {
            BuildProcess.ForgetSettings(name);
        }
    }
}
