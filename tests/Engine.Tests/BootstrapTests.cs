using Mooc.Build;
using Mooc.Tests.Shared;
using Xunit.Abstractions;

namespace Engine.Tests;

/// <summary>build.sh as a user runs it: from anywhere, with clear errors and exit codes.</summary>
[Collection("console")] // the child processes inherit the environment other tests in the collection change
public class BootstrapTests(ITestOutputHelper output)
{
    static readonly string BuildSh = Path.Combine(RepositoryPaths.Root, "build.sh");

    static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        ProcessRunner.RunAsync("bash", [BuildSh, .. args], CancellationToken.None, workingDirectory, environment, quiet: true);

    [Fact]
    public async Task Help_works_from_any_working_directory()
    {
        var result = await RunAsync(Path.GetTempPath(), null, "--help");
        Assert.True(result.Succeeded, result.Tail(30));
        var output = string.Join('\n', result.Output);
        Assert.Contains("Deploy (default)", output);
        Assert.Contains("--public-port", output);
    }

    [Fact]
    public async Task An_unknown_target_exits_2_and_suggests_the_right_one()
    {
        var result = await RunAsync(RepositoryPaths.Root, null, "Deploi");
        Assert.Equal(BuildRunner.ExitUsage, result.ExitCode);
        Assert.Contains(result.Output, l => l.Contains("Target 'Deploi' does not exist. Did you mean 'Deploy'?"));
    }

    [Fact]
    public async Task Without_dotnet_on_the_path_it_names_the_SDK_version_global_json_pins()
    {
        var result = await RunAsync(RepositoryPaths.Root, new Dictionary<string, string?> { ["PATH"] = "/nonexistent" }, "--help");
        Assert.Equal(127, result.ExitCode);
        Assert.Contains(result.Output, l => l.Contains(".NET SDK 10.0.100"));
    }

    /// <summary>dotnet build ends with exit code 1 on Ctrl-C; build.sh must not pass that on as a compile error.</summary>
    [Fact]
    public async Task Ctrl_C_while_build_sh_compiles_the_build_exits_130_not_as_a_failed_compile()
    {
        File.SetLastWriteTimeUtc(Path.Combine(RepositoryPaths.Root, "build", "Build.cs"), DateTime.UtcNow);
        using var build = BuildProcess.Start(output, "--help");
        await build.WaitForLineAsync(l => l.StartsWith("Compiling the build"), "that it compiles the build");
        await build.SignalGroupAsync("INT");

        Assert.Equal(130, await build.WaitForExitAsync());
        Assert.DoesNotContain(build.Output, l => l.Contains("does not compile"));
    }
}
