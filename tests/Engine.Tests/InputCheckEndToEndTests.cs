using Mooc.Build;
using Mooc.Tests;

namespace Engine.Tests;

/// <summary>
/// The compiled pipeline (_build.dll, what ./build.sh runs) on a copy of the repository's platform and recipes:
/// a bad input exits 2 before the first target runs, names file:line:column, and leaves the rendered manifests as
/// they were.
/// </summary>
public sealed class InputCheckEndToEndTests : IDisposable
{
    static readonly string BuildDll = Path.Combine(AppContext.BaseDirectory, "_build.dll");

    readonly string _root = Directory.CreateTempSubdirectory("mooc-inputs-").FullName;

    public InputCheckEndToEndTests()
    {
        foreach (var folder in new[] { "images", "provision", "courses", Path.Combine("manifests", "reference") })
            Copy(Path.Combine(RepositoryPaths.Root, folder), Path.Combine(_root, folder));
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
        File.Copy(Path.Combine(RepositoryPaths.Root, ".nuke", "parameters.json"), Path.Combine(_root, ".nuke", "parameters.json"));
    }

    string PlatformFile => Path.Combine(_root, "manifests", "reference", "platform.yaml");
    string Rendered => Path.Combine(_root, "manifests", "reference", "rendered");

    async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("dotnet", [BuildDll, .. args], CancellationToken.None, _root,
            new Dictionary<string, string?> { ["MOOC_ROOT"] = _root, ["NO_COLOR"] = "1" }, quiet: true);
        return (result.ExitCode, string.Join('\n', result.Output));
    }

    async Task<string> RejectedAsync(params string[] args)
    {
        var before = Snapshot(Rendered);
        var (exitCode, output) = await RunAsync(args);
        Assert.True(exitCode == BuildRunner.ExitUsage, $"exit {exitCode}:\n{output}");
        Assert.DoesNotContain("── ", output); // no target started
        Assert.Equal(before, Snapshot(Rendered));
        NoInternals.Assert(output);
        return output;
    }

    [Fact]
    public async Task A_broken_platform_file_stops_Manifests_before_it_runs_and_no_rendered_file_changes()
    {
        File.Delete(Path.Combine(Rendered, "40-service-lms.yaml")); // a run of Manifests would write it back
        var text = await File.ReadAllTextAsync(PlatformFile);
        var line = text[..text.IndexOf("    replicas: 2", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        await File.WriteAllTextAsync(PlatformFile, text.Replace("    replicas: 2", "\treplicas: 2"));

        var output = await RejectedAsync("Manifests");
        Assert.Contains($"{PlatformFile}:{line}:1: services[", output);
        Assert.Contains("a tab in the indentation", output);

        await File.WriteAllTextAsync(PlatformFile, text);
        var (exitCode, fixedOutput) = await RunAsync("Manifests");
        Assert.True(exitCode == 0, fixedOutput);
        Assert.True(File.Exists(Path.Combine(Rendered, "40-service-lms.yaml")), "the same run with the file mended renders, so the check above could fail");
    }

    [Fact]
    public async Task A_broken_recipe_the_platform_uses_stops_Deploy_before_Images()
    {
        var recipe = Path.Combine(_root, "images", "lms", "image.yaml");
        var text = await File.ReadAllTextAsync(recipe);
        var from = text.Split('\n').ToList().FindIndex(l => l.StartsWith("from:", StringComparison.Ordinal)) + 1;
        await File.WriteAllTextAsync(recipe, text.Replace(text.Split('\n')[from - 1], "from: mooc/lms"));

        var output = await RejectedAsync("Deploy", "--deployment", "never-deployed");
        Assert.Contains($"images/lms/image.yaml:{from}:7: from: 'mooc/lms' is this recipe's own image", output);
    }

    [Fact]
    public async Task A_recipe_the_platform_names_that_does_not_exist_is_reported_in_the_platform_file()
    {
        var text = await File.ReadAllTextAsync(PlatformFile);
        await File.WriteAllTextAsync(PlatformFile, text.Replace("recipe: memcached", "recipe: memcache"));

        var output = await RejectedAsync("Images");
        Assert.Contains(".recipe: recipe 'memcache' does not exist (no images/memcache/image.yaml) (did you mean 'memcached'?)", output);
    }

    [Fact]
    public async Task A_platform_that_does_not_exist_is_a_mistake_in_the_call_naming_those_that_do()
    {
        var output = await RejectedAsync("Deploy", "--platform", "refrence");
        Assert.Contains("Platform 'refrence' does not exist (no manifests/refrence/platform.yaml). Did you mean 'reference'? Platforms: reference", output);
    }

    [Fact]
    public async Task A_bad_value_in_parameters_json_stops_the_build_with_its_line()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, ".nuke", "parameters.json"), "{\n  \"$schema\": \"./build.schema.json\",\n  \"Users\": 0\n}\n");
        var output = await RejectedAsync("Deploy");
        Assert.Contains("Parameter --users (from .nuke/parameters.json:3:3): '0' is not allowed; allowed: at least 1.", output);
    }

    [Fact]
    public async Task A_target_that_reads_no_platform_runs_whatever_the_platform_parameter_says()
    {
        var (exitCode, output) = await RunAsync("Clean", "--platform", "nowhere");
        Assert.True(exitCode == 0, output);
        Assert.Contains("── Clean", output);
    }

    static IReadOnlyList<string> Snapshot(string folder) =>
        Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {File.GetLastWriteTimeUtc(f):O} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}")
            .ToList();

    static void Copy(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
