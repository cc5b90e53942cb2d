using Mooc.Build;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Local.Tests;

/// <summary>The real <c>./build.sh Manifests --manifests-output DIR</c>: trying settings leaves the committed rendered files alone.</summary>
public sealed class ManifestsOutputTests(ITestOutputHelper output) : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "st-manifests-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Manifests_with_an_output_folder_renders_the_settings_there_and_leaves_the_committed_files_alone()
    {
        var committed = Path.Combine(RepositoryPaths.Root, "manifests", "openedx", "rendered");
        var before = Directory.GetFiles(committed).ToDictionary(f => f, File.ReadAllText);

        var (exitCode, lines) = await BuildProcess.RunAsync(output,
            "Manifests", "--skip", "--platform", "openedx", "--set", "release=juniper.master", "--manifests-output", _folder);

        Assert.Equal(0, exitCode);
        Assert.Contains(lines, l => l.Contains($"objects in {_folder}"));
        Assert.Contains(Directory.GetFiles(_folder, "*.yaml"), f => File.ReadAllText(f).Contains("juniper.master"));
        Assert.Equal(before, Directory.GetFiles(committed).ToDictionary(f => f, File.ReadAllText));

        // Rendering there again is allowed: the folder is the target's own.
        Assert.Equal(0, (await BuildProcess.RunAsync(output, "Manifests", "--skip", "--platform", "openedx", "--manifests-output", _folder)).ExitCode);
    }

    [Fact]
    public async Task A_folder_holding_other_files_is_refused_and_left_as_it_was()
    {
        Directory.CreateDirectory(_folder);
        var notes = Path.Combine(_folder, "notes.yaml");
        await File.WriteAllTextAsync(notes, "mine: true\n");

        var (exitCode, lines) = await BuildProcess.RunAsync(output, "Manifests", "--skip", "--manifests-output", _folder);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(lines, l => l.Contains($"--manifests-output {_folder}: {_folder} holds files the Manifests target did not write"));
        Assert.Equal(["notes.yaml"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
