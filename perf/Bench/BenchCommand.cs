using Mooc.Perf.Cli;

namespace Mooc.Perf.Bench;

/// <summary>The engine benchmark: requests per CPU-second against a local nginx, side by side with other load tools.</summary>
internal static class BenchCommand
{
    public static Task<int> RunAsync(CliArguments arguments, CancellationToken ct)
    {
        Console.Error.WriteLine("bench: not built yet");
        return Task.FromResult(2);
    }
}
