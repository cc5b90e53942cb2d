using Mooc.Build;

namespace Engine.Tests;

/// <summary>A build that remembers its deployments' settings, as the pipeline's does.</summary>
public class RememberingBuild : NukeBuild
{
    public bool DeployFails { get; set; }

    [Parameter("Platform"), Remembered] public string Platform = "reference";
    [Parameter("Deployment"), SettingsKey(Fallback = nameof(Platform))] public string? Deployment;
    [Parameter("Public port"), Remembered, Between(1, 65535)] public int PublicPort = 18000;
    [Parameter("Platform parameters"), Remembered] public string[] Set = [];
    [Parameter("Timeout"), Remembered] public TimeSpan Timeout = TimeSpan.FromMinutes(5);
    [Parameter("Namespace"), Remembered] public string? Namespace;
    [Parameter("Not remembered")] public int Users = 4;
    [Parameter("Purge")] public bool Purge;

    public int PortSeenBySmokeTest { get; private set; }

    Target Deploy => _ => _.SavesSettings().Executes(() =>
    {
        if (DeployFails) throw new InvalidOperationException("the port is busy");
    });
    Target SmokeTest => _ => _.Executes(() => PortSeenBySmokeTest = PublicPort);
    Target Down => _ => _.Executes(() => { if (Purge) ForgetRememberedSettings(); });
}

public class SecretRememberingBuild : NukeBuild
{
    [Parameter("Password"), Secret, Remembered] public string? Password;
    Target Deploy => _ => _.Executes(() => { });
}

[Collection("console")]
public class RememberedSettingsTests : IDisposable
{
    readonly string _root = ConsoleCapture.TempRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    async Task<(RememberingBuild Build, int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var build = new RememberingBuild();
        var (exitCode, output) = await ConsoleCapture.RunInAsync(_root, build, "Deploy", args);
        return (build, exitCode, output);
    }

    [Fact]
    public async Task A_deploys_settings_are_used_by_later_runs_naming_the_deployment_and_change_only_when_given_again()
    {
        var (_, deployed, output) = await RunAsync("Deploy", "--deployment", "ux", "--public-port", "18091", "--set", "a=1", "b=2", "--users", "9");
        Assert.True(deployed == 0, output);
        Assert.Contains("Remembering the settings of deployment ux in .nuke/temp/settings/ux.json", output);
        Assert.Contains("--public-port 18091", output);

        var (smoke, _, _) = await RunAsync("SmokeTest", "--deployment", "ux");
        Assert.Equal(18091, smoke.PortSeenBySmokeTest);
        Assert.Equal(["a=1", "b=2"], smoke.Set);
        Assert.Equal(4, smoke.Users); // not remembered

        // Another deployment, and the default one, are not affected.
        Assert.Equal(18000, (await RunAsync("SmokeTest", "--deployment", "other")).Build.PortSeenBySmokeTest);
        Assert.Equal(18000, (await RunAsync("SmokeTest")).Build.PortSeenBySmokeTest);

        // Given again on the command line: used, and saved by the next Deploy; a run that does not deploy saves nothing.
        Assert.Equal(18092, (await RunAsync("SmokeTest", "--deployment", "ux", "--public-port", "18092")).Build.PortSeenBySmokeTest);
        Assert.Equal(18091, (await RunAsync("SmokeTest", "--deployment", "ux")).Build.PortSeenBySmokeTest);
        var (_, _, moved) = await RunAsync("Deploy", "--deployment", "ux", "--public-port", "18093");
        Assert.Contains("Settings of deployment ux changed and saved in .nuke/temp/settings/ux.json: --public-port 18091 -> 18093", moved);
        var (after, _, _) = await RunAsync("SmokeTest", "--deployment", "ux");
        Assert.Equal(18093, after.PortSeenBySmokeTest);
        Assert.Equal(["a=1", "b=2"], after.Set);
    }

    [Fact]
    public async Task The_environment_beats_the_saved_settings_and_the_saved_settings_beat_parameters_json()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, ".nuke", "parameters.json"), """{ "PublicPort": 18500, "Timeout": "1m" }""");
        Assert.Equal(0, (await RunAsync("Deploy", "--deployment", "ux", "--public-port", "18091")).ExitCode);
        Assert.Equal(18091, (await RunAsync("SmokeTest", "--deployment", "ux")).Build.PortSeenBySmokeTest);
        Assert.Equal(TimeSpan.FromMinutes(1), (await RunAsync("SmokeTest", "--deployment", "ux")).Build.Timeout);

        Environment.SetEnvironmentVariable("PUBLIC_PORT", "18777");
        try
        {
            Assert.Equal(18777, (await RunAsync("SmokeTest", "--deployment", "ux")).Build.PortSeenBySmokeTest);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PUBLIC_PORT", null);
        }
    }

    [Fact]
    public async Task Help_shows_a_remembered_value_as_from_the_deployment()
    {
        Assert.Equal(0, (await RunAsync("Deploy", "--deployment", "ux", "--public-port", "18091")).ExitCode);
        var (_, exitCode, help) = await RunAsync("--help", "--deployment", "ux");
        Assert.Equal(0, exitCode);
        Assert.Contains("18091 (from deployment ux)", help);
        Assert.Contains("reference (from deployment ux)", help);
        Assert.Contains("ux (from command line)", help);
    }

    [Fact]
    public async Task A_failed_deploy_saves_nothing_and_down_purge_forgets_the_settings()
    {
        var failing = new RememberingBuild { DeployFails = true };
        Assert.Equal(BuildRunner.ExitFailed, (await ConsoleCapture.RunInAsync(_root, failing, "Deploy", "--deployment", "ux", "--public-port", "18091")).ExitCode);
        Assert.Equal(18000, (await RunAsync("SmokeTest", "--deployment", "ux")).Build.PortSeenBySmokeTest);

        Assert.Equal(0, (await RunAsync("Deploy", "--deployment", "ux", "--public-port", "18091")).ExitCode);
        Assert.Equal(18091, (await RunAsync("Down", "--deployment", "ux")).Build.PublicPort);
        var (_, _, purged) = await RunAsync("Down", "--deployment", "ux", "--purge");
        Assert.Contains("Forgot the settings of deployment ux", purged);
        Assert.Equal(18000, (await RunAsync("SmokeTest", "--deployment", "ux")).Build.PortSeenBySmokeTest);
    }

    [Fact]
    public async Task A_saved_value_that_is_no_longer_allowed_is_reported_with_its_source()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".nuke", "temp", "settings"));
        await File.WriteAllTextAsync(Path.Combine(_root, ".nuke", "temp", "settings", "ux.json"), """{ "PublicPort": 70000, "Dropped": 1 }""");
        var (_, exitCode, output) = await RunAsync("SmokeTest", "--deployment", "ux");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains("Parameter --public-port (from deployment ux): '70000' is not allowed", output);
    }

    [Fact]
    public async Task A_secret_cannot_be_remembered()
    {
        var (exitCode, output) = await ConsoleCapture.RunInAsync(_root, new SecretRememberingBuild(), "Deploy");
        Assert.Equal(BuildRunner.ExitUsage, exitCode);
        Assert.Contains("Password is [Secret] and [Remembered]: a secret is never written to the saved settings", output);
    }
}
