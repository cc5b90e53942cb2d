using Mooc.Perf.Engine;
using Mooc.Perf.OpenEdx;
using Mooc.Perf.Reports;

namespace Mooc.Perf.Learner;

/// <summary>The learner load test: the chapter 6.4 scenario under load, judged by thresholds, with reports.</summary>
public static class LearnerLoadTest
{
    public static async Task<LoadTestOutcome> RunAsync(LoadTestOptions options, CancellationToken ct)
    {
        options.Validate();
        using var transport = LearnerClient.CreateTransport();
        var scenario = LearnerScenario.Create(options.BaseUrl, transport, options.RequestTimeout, options.TestRun)
            .WithLoadSimulations(options.Simulations())
            .WithWarmUpDuration(options.Iterations is null ? options.WarmUp : TimeSpan.Zero)
            .WithThinkTime(options.ThinkTimeMin, options.ThinkTimeMax)
            .WithDrainTimeout(options.RequestTimeout);
        if (options.MaxFailures is { } maxFailures)
        {
            scenario = scenario.WithMaxFailCount(maxFailures);
        }
        var result = await LoadRunner.RunAsync(scenario, ct);
        return await JudgeAndReportAsync(result, options.Thresholds(), options.ResultsDirectory, options.WriteToConsole, ct);
    }

    /// <summary>Evaluates the thresholds, writes every report and prints the table; shared by any scenario.</summary>
    public static async Task<LoadTestOutcome> JudgeAndReportAsync(LoadResult result, IReadOnlyList<Threshold> thresholds,
        string resultsDirectory, bool writeToConsole, CancellationToken ct)
    {
        var verdicts = thresholds.Select(t => t.Evaluate(result)).ToArray();
        var paths = await ReportWriter.WriteAsync(result, verdicts, resultsDirectory, ct);
        if (writeToConsole)
        {
            ConsoleReport.Write(result, verdicts);
            Console.WriteLine($"reports: {paths.Directory}");
        }
        return new LoadTestOutcome(verdicts, result, paths);
    }
}
