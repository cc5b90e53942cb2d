namespace Mooc.Images;

/// <summary>A recipe step that failed, with its exit code and last lines of output.</summary>
public sealed class ImageBuildException(string recipe, string step, long exitCode, string outputTail, string? keptContainer)
    : Exception($"Image '{recipe}': step '{step}' failed with exit code {exitCode}. Its last lines:\n{outputTail}\n" +
        (keptContainer is null
            ? "The build container was removed; run with --keep-failed to keep it for inspection."
            : $"The build container is kept for inspection: docker exec -it {keptContainer} sh (remove it with docker rm -f {keptContainer})."))
{
    public string Recipe { get; } = recipe;
    public string Step { get; } = step;
    public long ExitCode { get; } = exitCode;
    public string OutputTail { get; } = outputTail;
    public string? KeptContainer { get; } = keptContainer;
}
