using Mooc.Build;

namespace Engine.Tests;

public enum Flavor { Plain, Fancy }

/// <summary>A build shaped like the pipeline's, recording what ran, for the engine's tests.</summary>
public class PipelineLikeBuild : NukeBuild
{
    public List<string> Ran { get; } = [];
    public bool DeployFails { get; set; }
    public bool LoadTestWanted { get; set; } = true;

    [Parameter("Where to deploy")] public string Cluster = "local";
    [Parameter("How many users")] public int Users = 10;
    [Parameter("Rebuild images")] public bool ForceImages;
    [Parameter("A flavor")] public Flavor Flavor = Flavor.Plain;
    [Parameter("How long")] public TimeSpan Duration = TimeSpan.FromSeconds(30);
    [Parameter("Which hosts")] public string[] Hosts = [];
    [Parameter("Registry password"), Secret] public string? RegistryPassword;
    [Parameter("Needed by Publish")] public string? Registry;

    Target Images => _ => _.Executes(() => Ran.Add(nameof(Images)));
    Target Manifests => _ => _.Executes(() => Ran.Add(nameof(Manifests)));
    Target Deploy => _ => _
        .DependsOn(Images, Manifests)
        .Triggers(Migrate, SmokeTest)
        .Executes(() =>
        {
            Ran.Add(nameof(Deploy));
            if (DeployFails) throw new InvalidOperationException("mysql did not become healthy");
        });
    Target Migrate => _ => _.After(Deploy).Executes(() => Ran.Add(nameof(Migrate)));
    Target SmokeTest => _ => _.After(Migrate).Executes(() => Ran.Add(nameof(SmokeTest)));
    Target LoadTest => _ => _
        .DependsOn(Deploy)
        .After(SmokeTest)
        .OnlyWhenDynamic(() => LoadTestWanted)
        .Executes(() => Ran.Add(nameof(LoadTest)));
    Target Publish => _ => _
        .Requires(() => Registry)
        .OnlyWhenStatic(() => Cluster != "local")
        .Executes(() => Ran.Add(nameof(Publish)));
    Target Down => _ => _.Before(Images).Executes(() => Ran.Add(nameof(Down)));
    Target Rebuild => _ => _.Requires(() => ForceImages).Executes(() => Ran.Add(nameof(Rebuild)));
    Target Leak => _ => _.Executes(() => Log.Info($"the password is {RegistryPassword}!"));
    Target LeakFromProcess => _ => _.Executes(async ct =>
    {
        await ProcessRunner.RunAsync("sh", ["-c", $"echo child says {RegistryPassword}; echo to stderr {RegistryPassword} >&2"], ct, logPrefix: "child");
    });
}

public class CyclicBuild : NukeBuild
{
    Target A => _ => _.DependsOn(C).Executes(() => { });
    Target B => _ => _.DependsOn(A).Executes(() => { });
    Target C => _ => _.DependsOn(B).Executes(() => { });
}

/// <summary>Targets whose inputs are checked before anything runs, counting the checks.</summary>
public class CheckedBuild : NukeBuild
{
    public List<string> Ran { get; } = [];
    public int InputChecks { get; private set; }
    public string? InputProblem { get; set; }

    void Inputs()
    {
        InputChecks++;
        if (InputProblem is not null) throw new BuildException(InputProblem);
    }

    Target Images => _ => _.Validates(Inputs).Executes(() => Ran.Add(nameof(Images)));
    Target Deploy => _ => _.DependsOn(Images).Validates(Inputs).Executes(() => Ran.Add(nameof(Deploy)));
    Target Clean => _ => _.Executes(() => Ran.Add(nameof(Clean)));
}
