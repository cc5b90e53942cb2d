namespace Mooc.Build;

public enum GitHubActionsImage { UbuntuLatest, Ubuntu2404, Ubuntu2204 }

public enum GitHubActionsTrigger { Push, PullRequest, WorkflowDispatch }

/// <summary>
/// Declares a GitHub Actions workflow generated from the build into .github/workflows/&lt;name&gt;.yml.
/// Not sealed on purpose: settings shared by several workflows go in a derived attribute's
/// constructor instead of being repeated on each one (NUKE users' complaint).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public class GitHubActionsAttribute(string name, GitHubActionsImage image) : Attribute
{
    public string Name { get; } = name;
    public GitHubActionsImage Image { get; } = image;
    public GitHubActionsTrigger[] On { get; init; } = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest];
    public string[] OnPushBranches { get; init; } = ["main"];
    /// <summary>Target names given to ./build.sh in the workflow.</summary>
    public string[] InvokedTargets { get; init; } = [];
    /// <summary>Extra arguments for ./build.sh, e.g. "--profile ci".</summary>
    public string Arguments { get; init; } = "";
    /// <summary>Parameter member names whose values come from repository secrets of the same UPPER_SNAKE name.</summary>
    public string[] ImportSecrets { get; init; } = [];
    /// <summary>Paths uploaded as artifacts after the build, whether it passed or not.</summary>
    public string[] PublishArtifacts { get; init; } = [];
    public int TimeoutMinutes { get; init; } = 45;
}
