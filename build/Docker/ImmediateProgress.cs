namespace Mooc.Docker;

/// <summary>
/// Reports on the calling thread. Progress&lt;T&gt; posts to the thread pool, so an error message from the
/// engine's stream could arrive after the call returned and be missed.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
