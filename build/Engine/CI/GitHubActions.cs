namespace Mooc.Build;

/// <summary>What the build does differently when it runs as a GitHub Actions step: log groups, annotations, the step summary.</summary>
public static class GitHubActions
{
    public static bool IsRunning => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    public static void BeginGroup(string name) { if (IsRunning) Console.Out.WriteLine($"::group::{name}"); }
    public static void EndGroup() { if (IsRunning) Console.Out.WriteLine("::endgroup::"); }

    public static void Error(string title, string message)
    {
        if (!IsRunning) return;
        Console.Out.WriteLine($"::error title={Escape(title)}::{Escape(message)}");
    }

    /// <summary>Appends Markdown to the job's summary page.</summary>
    public static void AppendStepSummary(string markdown)
    {
        var path = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (!IsRunning || string.IsNullOrEmpty(path)) return;
        File.AppendAllText(path, SecretMaskingWriter.MaskText(markdown) + Environment.NewLine);
    }

    static string Escape(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
}
