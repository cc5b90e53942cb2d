using Mooc.Build;
using Mooc.Tests;

namespace Engine.Tests;

/// <summary>
/// The pipeline's own parameters (build/Build.Parameters.cs) given bad values on the command line, in the
/// environment and in .nuke/parameters*.json: exit code 2 before any target runs, the error naming the parameter,
/// where the value came from (with the file's line and column), the value and what is allowed.
/// </summary>
[Collection("console")]
public class BadParameterTests
{
    static async Task<string> RejectedAsync(string root, params string[] args)
    {
        var (exitCode, output) = await ConsoleCapture.RunInAsync(root, new Build(), "Deploy", args);
        Assert.True(exitCode == BuildRunner.ExitUsage, $"exit {exitCode}:\n{output}");
        Assert.DoesNotContain("── ", output); // no target started
        NoInternals.Assert(output);
        return output;
    }

    [Theory]
    [InlineData("--public-port 0", "Parameter --public-port (from command line): '0' is not allowed; allowed: 1 to 65535.")]
    [InlineData("--public-port 65536", "'65536' is not allowed; allowed: 1 to 65535.")]
    [InlineData("--public-port http", "Parameter --public-port (from command line): 'http' is not a whole number.")]
    [InlineData("--users 0", "Parameter --users (from command line): '0' is not allowed; allowed: at least 1.")]
    [InlineData("--users -3", "'-3' is not allowed; allowed: at least 1.")]
    [InlineData("--image-parallelism 0", "Parameter --image-parallelism (from command line): '0' is not allowed; allowed: at least 1.")]
    [InlineData("--max-error-percent 101", "Parameter --max-error-percent (from command line): '101' is not allowed; allowed: 0 to 100.")]
    [InlineData("--max-error-percent -0.5", "'-0.5' is not allowed; allowed: 0 to 100.")]
    [InlineData("--rate 0", "Parameter --rate (from command line): '0' is not allowed; allowed: above 0.")]
    [InlineData("--rate NaN", "Parameter --rate (from command line): 'NaN' is not a number")]
    [InlineData("--min-rps -5", "Parameter --min-rps (from command line): '-5' is not allowed; allowed: above 0.")]
    [InlineData("--load-duration 30", "Parameter --load-duration (from command line): '30' has no unit. Write e.g. 30s, 30m or 30h")]
    [InlineData("--ready-timeout 0s", "Parameter --ready-timeout (from command line): '0s' is not allowed; allowed: above 0.")]
    [InlineData("--smoke-timeout soon", "Parameter --smoke-timeout (from command line): 'soon' is not a duration.")]
    [InlineData("--warm-up -5s", "Parameter --warm-up (from command line): '-5s' is not a duration.")]
    [InlineData("--max-p95 0ms", "Parameter --max-p95 (from command line): '0s' is not allowed; allowed: above 0.")]
    [InlineData("--think-time-min 2s", "Parameter --think-time-min (from command line): '2s' is above --think-time-max '1s' (from default); allowed: at most --think-time-max.")]
    [InlineData("--think-time-min 3s --think-time-max 2s", "'3s' is above --think-time-max '2s' (from command line)")]
    [InlineData("--deployment My.Deploy", "Parameter --deployment (from command line): 'My.Deploy' is not allowed; allowed: lowercase letters, digits and '-', starting with a letter")]
    [InlineData("--deployment 1st", "Hint: use 'x-1st'.")]
    [InlineData("--platform ../etc", "Parameter --platform (from command line): '../etc' is not allowed")]
    [InlineData("--hosts good.example,bad_host", "Parameter --hosts (from command line): 'bad_host' is not allowed; allowed: lowercase letters, digits, '-' and '.'")]
    [InlineData("--registry reg:0", "Parameter --registry (from command line): 'reg:0' is not allowed; allowed: lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters, optionally followed by :PORT (1 to 65535).")]
    [InlineData("--storage-class Fast_SSD", "Parameter --storage-class (from command line): 'Fast_SSD' is not allowed")]
    [InlineData("--set release", "Parameter --set (from command line): 'release' is not allowed; allowed: key=value, e.g. release=juniper.master.")]
    [InlineData("--force-images maybe", "Parameter --force-images (from command line): 'maybe' is not a boolean.")]
    [InlineData("--deployment", "Parameter --deployment (from command line): no value given")]
    [InlineData("--volumes static", "Parameter --volume-root is required when --volumes is Static (from command line): give it on the command line, as $VOLUME_ROOT, or as \"VolumeRoot\" in .nuke/parameters.json")]
    [InlineData("--volumes static --volume-root srv/mooc", "Parameter --volume-root (from command line): 'srv/mooc' is not allowed; allowed: an absolute path on the node without '.' or '..' parts, e.g. /srv/mooc-volumes.")]
    [InlineData("--volume-root /srv/../etc", "Parameter --volume-root (from command line): '/srv/../etc' is not allowed")]
    [InlineData("--volumes static --volume-root /srv/mooc --volume-node Node_1", "Parameter --volume-node (from command line): 'Node_1' is not allowed")]
    [InlineData("--volumes dynamic", "Parameter --volumes (from command line): 'dynamic' is not one of: Provisioned, Static.")]
    [InlineData("--usrs 5", "Unknown option '--usrs'. Did you mean '--users'?")]
    public async Task A_bad_value_on_the_command_line_is_a_mistake_in_the_call(string arguments, string expected)
    {
        var output = await RejectedAsync(ConsoleCapture.TempRoot(), arguments.Split(' '));
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task A_refused_volume_root_is_not_also_reported_as_missing()
    {
        var output = await RejectedAsync(ConsoleCapture.TempRoot(), "--volumes", "static", "--volume-root", "srv");
        Assert.Contains("Parameter --volume-root (from command line): 'srv' is not allowed", output);
        Assert.DoesNotContain("is required when", output);
    }

    [Fact]
    public async Task A_mode_set_in_the_environment_requires_its_parameter_naming_the_variable()
    {
        Environment.SetEnvironmentVariable("VOLUMES", "static");
        try
        {
            Assert.Contains("Parameter --volume-root is required when --volumes is Static (from environment variable VOLUMES)", await RejectedAsync(ConsoleCapture.TempRoot()));
        }
        finally
        {
            Environment.SetEnvironmentVariable("VOLUMES", null);
        }
    }

    [Fact]
    public async Task Every_bad_value_is_reported_at_once()
    {
        var output = await RejectedAsync(ConsoleCapture.TempRoot(), "--users", "0", "--public-port", "0", "--load-duration", "30");
        Assert.Contains("--users", output);
        Assert.Contains("--public-port", output);
        Assert.Contains("--load-duration", output);
    }

    [Theory]
    [InlineData("PUBLIC_PORT", "99999", "Parameter --public-port (from environment variable PUBLIC_PORT): '99999' is not allowed; allowed: 1 to 65535.")]
    [InlineData("USERS", "none", "Parameter --users (from environment variable USERS): 'none' is not a whole number.")]
    [InlineData("LOAD_DURATION", "30", "Parameter --load-duration (from environment variable LOAD_DURATION): '30' has no unit.")]
    [InlineData("DEPLOYMENT", "Prod_1", "Parameter --deployment (from environment variable DEPLOYMENT): 'Prod_1' is not allowed")]
    [InlineData("MAX_ERROR_PERCENT", "500", "Parameter --max-error-percent (from environment variable MAX_ERROR_PERCENT): '500' is not allowed; allowed: 0 to 100.")]
    [InlineData("THINK_TIME_MAX", "100ms", "Parameter --think-time-min (from default): '200ms' is above --think-time-max '100ms' (from environment variable THINK_TIME_MAX)")]
    public async Task A_bad_value_in_the_environment_names_the_variable(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            Assert.Contains(expected, await RejectedAsync(ConsoleCapture.TempRoot()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task An_empty_environment_variable_counts_as_unset()
    {
        Environment.SetEnvironmentVariable("DEPLOYMENT", "");
        Environment.SetEnvironmentVariable("USERS", "");
        try
        {
            var build = new Build();
            var (exitCode, output) = await ConsoleCapture.RunInAsync(ConsoleCapture.TempRoot(), build, "Deploy", "--help");
            Assert.True(exitCode == 0, output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DEPLOYMENT", null);
            Environment.SetEnvironmentVariable("USERS", null);
        }
    }

    [Theory]
    [InlineData("{\n  \"Users\": 10,,\n}", ".nuke/parameters.json:2:15: not valid JSON")]
    [InlineData("{\n  \"Users\": 10\n  \"Rate\": 2\n}", ".nuke/parameters.json:3:3: not valid JSON")]
    [InlineData("{\n  \"Users\": 10\n", ".nuke/parameters.json:3:1: not valid JSON: the file ends before the object is closed")]
    [InlineData("[\"Users\", 10]", ".nuke/parameters.json:1:1: expected an object of parameter names and values")]
    [InlineData("{\n  \"$schema\": \"./build.schema.json\",\n  \"Usres\": 10\n}", ".nuke/parameters.json:3:3: unknown parameter 'Usres'. Did you mean 'Users'?")]
    [InlineData("{\n  \"Users\": \"ten\"\n}", "Parameter --users (from .nuke/parameters.json:2:3): expected a number, e.g. \"Users\": 10; got the text \"ten\".")]
    [InlineData("{\n  \"Hosts\": \"a.example\"\n}", "Parameter --hosts (from .nuke/parameters.json:2:3): expected a list of text values, e.g. \"Hosts\": [\"a\", \"b\"]; got the text \"a.example\".")]
    [InlineData("{\n  \"ForceImages\": \"yes\"\n}", "Parameter --force-images (from .nuke/parameters.json:2:3): expected true or false")]
    [InlineData("{\n  \"LoadDuration\": 30\n}", "Parameter --load-duration (from .nuke/parameters.json:2:3): expected a duration in quotes, e.g. \"LoadDuration\": \"30s\"; got 30.")]
    [InlineData("{\n  \"Deployment\": {}\n}", "Parameter --deployment (from .nuke/parameters.json:2:3): expected a text value in quotes, e.g. \"Deployment\": \"value\"; got an object.")]
    [InlineData("{\n  \"Users\": null\n}", "Parameter --users (from .nuke/parameters.json:2:3): null is not allowed (its type is int); give a value or remove the key.")]
    [InlineData("{\n  \"Users\": 2.5\n}", "Parameter --users (from .nuke/parameters.json:2:3): '2.5' is not a whole number.")]
    [InlineData("{\n  \"Users\": 1,\n  \"PublicPort\": 0\n}", "Parameter --public-port (from .nuke/parameters.json:3:3): '0' is not allowed; allowed: 1 to 65535.")]
    [InlineData("{\n  \"Users\": 1,\n  \"users\": 2\n}", ".nuke/parameters.json:3:3: \"users\" is given twice; keep one.")]
    [InlineData("{\n  \"ThinkTimeMin\": \"5s\"\n}", "Parameter --think-time-min (from .nuke/parameters.json:2:3): '5s' is above --think-time-max '1s' (from default)")]
    public async Task A_mistake_in_parameters_json_names_its_line_and_column(string json, string expected)
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), json);
        Assert.Contains(expected, await RejectedAsync(root));
    }

    [Fact]
    public async Task A_mistake_in_a_profile_file_names_that_file()
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.ci.json"), "{\n  \"Users\": 100,\n  \"MaxErrorPercent\": 120\n}");
        Assert.Contains("Parameter --max-error-percent (from .nuke/parameters.ci.json:3:3): '120' is not allowed; allowed: 0 to 100.",
            await RejectedAsync(root, "--profile", "ci"));
    }

    [Fact]
    public async Task A_secret_is_never_repeated_in_an_error()
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), "{\n  \"RegistryCredentials\": [\"user:hunter2\"]\n}");
        var output = await RejectedAsync(root);
        Assert.Contains("Parameter --registry-credentials (from .nuke/parameters.json:2:3): expected a text value in quotes", output);
        Assert.DoesNotContain("hunter2", output);
    }

    [Fact]
    public async Task Good_values_from_every_source_pass_the_rules()
    {
        var root = ConsoleCapture.TempRoot();
        await File.WriteAllTextAsync(Path.Combine(root, ".nuke", "parameters.json"), "{ \"Users\": 100, \"ThinkTimeMin\": \"1s\", \"ThinkTimeMax\": \"3s\", \"Hosts\": [\"mooc.example.edu\"] }");
        var build = new Build();
        var (exitCode, output) = await ConsoleCapture.RunInAsync(root, build, "Deploy", "--help", "--public-port", "18001", "--registry", "registry.example:5000", "--deployment", "ci-7",
            "--volumes", "static", "--volume-root", "/srv/mooc-volumes", "--volume-node", "mooc-local-node");
        Assert.True(exitCode == 0, output);
    }
}
