using Mooc.Build;

namespace Engine.Tests;

[Collection("console")]
public class ParameterTests
{
    [Fact]
    public async Task Command_line_beats_environment_beats_profile_beats_parameters_json_beats_default()
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), """{ "$schema": "./build.schema.json", "Cluster": "from-json", "Users": 1, "ForceImages": true, "Hosts": ["a", "b"] }""");
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.ci.json"), """{ "Cluster": "from-profile", "Users": 2, "Flavor": "fancy" }""");
        Environment.SetEnvironmentVariable("USERS", "3");
        try
        {
            var build = new PipelineLikeBuild();
            var (exitCode, output) = await ConsoleCapture.RunInAsync(root, build, "Images", "--profile", "ci", "--duration", "5m");
            Assert.True(exitCode == 0, output);
            Assert.Equal("from-profile", build.Cluster);
            Assert.Equal(3, build.Users);
            Assert.True(build.ForceImages);
            Assert.Equal(Flavor.Fancy, build.Flavor);
            Assert.Equal(TimeSpan.FromMinutes(5), build.Duration);
            Assert.Equal(["a", "b"], build.Hosts);

            var overridden = new PipelineLikeBuild();
            await ConsoleCapture.RunInAsync(root, overridden, "Images", "--profile", "ci", "--users", "4", "--cluster", "cli");
            Assert.Equal(4, overridden.Users);
            Assert.Equal("cli", overridden.Cluster);
        }
        finally
        {
            Environment.SetEnvironmentVariable("USERS", null);
        }
    }

    [Fact]
    public async Task Defaults_stay_when_nothing_sets_a_parameter()
    {
        var build = new PipelineLikeBuild();
        await ConsoleCapture.RunAsync(build, "Images");
        Assert.Equal("local", build.Cluster);
        Assert.Equal(10, build.Users);
        Assert.False(build.ForceImages);
    }

    [Theory]
    [InlineData("--users", "many", "Parameter --users (from command line): 'many' is not a whole number.")]
    [InlineData("--flavor", "sour", "'sour' is not one of: Plain, Fancy.")]
    [InlineData("--duration", "soon", "'soon' is not a duration. Use e.g. 500ms, 30s, 5m")]
    [InlineData("--force-images", "maybe", "'maybe' is not a boolean.")]
    public async Task A_value_of_the_wrong_type_is_an_error_that_says_what_is_allowed(string option, string value, string expected)
    {
        var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "Images", option, value);
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task A_bare_flag_is_true()
    {
        var build = new PipelineLikeBuild();
        await ConsoleCapture.RunAsync(build, "Images", "--force-images");
        Assert.True(build.ForceImages);
    }

    [Fact]
    public async Task An_unknown_option_is_an_error_that_suggests_the_closest_name()
    {
        var (exitCode, output) = await ConsoleCapture.RunAsync(new PipelineLikeBuild(), "Images", "--clustr", "prod");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains("Unknown option '--clustr'. Did you mean '--cluster'?", output);
    }

    [Fact]
    public async Task An_unknown_key_in_parameters_json_names_the_file_and_suggests()
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), """{ "Clustr": "x" }""");
        var (exitCode, output) = await ConsoleCapture.RunInAsync(root, new PipelineLikeBuild(), "Images");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains(".nuke/parameters.json:1:3: unknown parameter 'Clustr'. Did you mean 'Cluster'?", output);
    }

    [Fact]
    public async Task A_missing_profile_file_lists_the_profiles_there_are()
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.report.json"), "{}");
        var (exitCode, output) = await ConsoleCapture.RunInAsync(root, new PipelineLikeBuild(), "Images", "--profile", "nope");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains("Profile 'nope' has no file", output);
        Assert.Contains("report", output);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("00:02:00", 120_000)]
    public void Durations_read_as_people_write_them(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ValueConverter.ParseDuration(text));
    }
}
