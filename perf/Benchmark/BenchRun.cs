using System.Diagnostics;
using System.Globalization;

namespace Mooc.Perf.Benchmark;

/// <summary>What one load generator achieved: successful requests, its CPU time (user + system) and peak memory.</summary>
internal sealed record BenchRun(string Tool, long Ok, double CpuSeconds, double WallSeconds, long MaxRssKb, string? Error)
{
    public double PerCpuSecond => CpuSeconds > 0 ? Ok / CpuSeconds : 0;

    /// <summary>Runs the tool pinned to <paramref name="cpu"/> under GNU time, which reports the CPU and max RSS of the whole process tree it waited for.</summary>
    public static async Task<BenchRun> MeasureAsync(LoadTool tool, int cpu, string csvPrefix, TimeSpan limit, CancellationToken ct)
    {
        var timeFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo("/usr/bin/time")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["-f", "%U %S %M", "-o", timeFile, "taskset", "-c", cpu.ToString(), tool.FileName, .. tool.Arguments])
            {
                start.ArgumentList.Add(argument);
            }
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool.FileName}");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool.Name} ran past {limit.TotalSeconds:0} s and was stopped");
            }
            var wall = watch.Elapsed.TotalSeconds;
            var output = await stdout;
            var ok = tool.ReadOk(output, csvPrefix);
            var times = (await File.ReadAllTextAsync(timeFile, ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ');
            var cpuSeconds = double.Parse(times[0], CultureInfo.InvariantCulture) + double.Parse(times[1], CultureInfo.InvariantCulture);
            var error = ok is null ? $"could not read the request count; exit {process.ExitCode}; {Tail(output + await stderr)}" : null;
            return new BenchRun(tool.Name, ok ?? 0, cpuSeconds, wall, long.Parse(times[2]), error);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or FormatException or IndexOutOfRangeException)
        {
            return new BenchRun(tool.Name, 0, 0, 0, 0, e.Message);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    private static string Tail(string text) => text.Length <= 400 ? text : text[^400..];
}
