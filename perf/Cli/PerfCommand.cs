namespace Mooc.Perf.Cli;

/// <summary>The command line: the learner load test against a URL.</summary>
public static class PerfCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("usage: dotnet run --project perf -- --url http://host:port [options]");
        return Task.FromResult(2);
    }
}
