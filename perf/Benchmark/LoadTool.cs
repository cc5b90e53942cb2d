using System.Text.RegularExpressions;

namespace Mooc.Perf.Benchmark;

/// <summary>A load generator the benchmark runs: its command line and how to read the successful requests from its output.</summary>
internal sealed record LoadTool(string Name, string FileName, IReadOnlyList<string> Arguments, Func<string, string, long?> ReadOk)
{
    /// <param name="self">How to start this program again (the dotnet host and dll, or the apphost).</param>
    public static IReadOnlyList<LoadTool> All(string url, int connections, int seconds, string locustFile, string csvPrefix, IReadOnlyList<string> self) =>
    [
        new("wrk", "wrk", ["-t1", $"-c{connections}", $"-d{seconds}s", url], (stdout, _) => Wrk(stdout)),
        new("hey", "hey", ["-z", $"{seconds}s", "-c", connections.ToString(), url], (stdout, _) => Hey(stdout)),
        new("Locust FastHttpUser", "/usr/bin/locust",
            ["-f", locustFile, "--headless", "-u", connections.ToString(), "-r", connections.ToString(), "-t", $"{seconds}s",
             "--host", url.TrimEnd('/'), "--only-summary", "--csv", csvPrefix],
            (_, prefix) => Locust(prefix)),
        new("bare .NET loop", self[0], [.. self.Skip(1), "bench-target", "bare", url, connections.ToString(), seconds.ToString()], (stdout, _) => Ok(stdout)),
        new("Mooc.Perf engine", self[0], [.. self.Skip(1), "bench-target", "engine", url, connections.ToString(), seconds.ToString()], (stdout, _) => Ok(stdout)),
    ];

    private static long? Wrk(string stdout)
    {
        var total = Regex.Match(stdout, @"(\d+) requests in");
        if (!total.Success)
        {
            return null;
        }
        var bad = Regex.Match(stdout, @"Non-2xx or 3xx responses: (\d+)");
        return long.Parse(total.Groups[1].Value) - (bad.Success ? long.Parse(bad.Groups[1].Value) : 0);
    }

    private static long? Hey(string stdout)
    {
        var ok = Regex.Match(stdout, @"\[200\]\s+(\d+) responses");
        return ok.Success ? long.Parse(ok.Groups[1].Value) : null;
    }

    private static long? Locust(string csvPrefix)
    {
        var path = csvPrefix + "_stats.csv";
        if (!File.Exists(path))
        {
            return null;
        }
        var aggregated = File.ReadLines(path).FirstOrDefault(l => l.Contains(",Aggregated,"))?.Split(',');
        return aggregated is null ? null : long.Parse(aggregated[2]) - long.Parse(aggregated[3]);
    }

    private static long? Ok(string stdout)
    {
        var ok = Regex.Match(stdout, @"ok=(\d+)");
        return ok.Success ? long.Parse(ok.Groups[1].Value) : null;
    }
}
