using System.Linq.Expressions;

namespace Mooc.Build;

/// <summary>
/// The base of a build class, as in NUKE: targets are properties, parameters are [Parameter]
/// members, and <c>Main() =&gt; Execute&lt;Build&gt;(x =&gt; x.Default)</c> runs it.
/// </summary>
public abstract class NukeBuild
{
    public static string RootDirectory => RepositoryPaths.Root;
    public static string TemporaryDirectory => RepositoryPaths.Temp;
    public static bool IsServerBuild => GitHubActions.IsRunning || Environment.GetEnvironmentVariable("CI") is "true" or "1";
    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>Runs the targets named on the command line, or the default one, and returns the exit code.</summary>
    protected static Task<int> Execute<T>(Expression<Func<T, Target>> defaultTarget) where T : NukeBuild, new()
    {
        var name = defaultTarget.Body is MemberExpression member ? member.Member.Name
            : throw new ArgumentException("The default target must be a property, as in x => x.Deploy.", nameof(defaultTarget));
        return BuildRunner.RunAsync(new T(), name, Environment.GetCommandLineArgs().Skip(1).ToArray());
    }

    /// <summary>Adds a key and value to the summary row of the running target.</summary>
    protected static void ReportSummary(string key, string value) => TargetExecutor.Current?.SummaryPairs.Add((key, value));

    /// <summary>Deletes the settings saved for this run's [SettingsKey] value (a deployment removed for good).</summary>
    protected static void ForgetRememberedSettings() => RememberedSettings.Current?.Forget();

    /// <summary>Where a parameter's value came from when it is the saved settings' (a name for errors); else null.</summary>
    protected static string? RememberedSource(string member) => RememberedSettings.Current?.Supplied(member);

    /// <summary>A line printed after the summary, last of all: for figures CI reads from the end of the log.</summary>
    protected static void ReportFinalLine(string line) => BuildRunner.FinalLines.Add(line);
}
