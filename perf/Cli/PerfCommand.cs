using Mooc.Perf.Benchmark;
using Mooc.Perf.Learner;

namespace Mooc.Perf.Cli;

/// <summary>The command line: the learner load test against any Open edX URL, or the engine benchmark.</summary>
public static class PerfCommand
{
    private static readonly string[] Known =
    [
        "url", "profile", "users", "rate", "duration", "ramp-up", "warm-up", "think-min", "think-max", "iterations", "timeout",
        "max-error-percent", "max-p95", "min-rps", "max-failures", "results",
    ];

    public const string Usage = """
        usage: dotnet run --project perf -- --url http://127.0.0.1:8080 [options]
               dotnet run --project perf -- bench [--duration 10s] [--rounds 3] [--connections 32] [--cpu 0] [--server-cpu 1]
          --profile ci|report    ci (default): 4 users, 30 s; report: 100 users, 1 h (the report's chapter 6.5)
          --users N              closed model: concurrent learners
          --rate R               open model: new learners per second (overrides --users)
          --duration 30s         measured time after warm-up      --iterations N   stop after N learners instead
          --ramp-up 5s  --warm-up 5s  --think-min 200ms  --think-max 1s  --timeout 60s
          --max-error-percent 1  --max-p95 5s  --min-rps 2           thresholds (latency: successful requests); a breach exits with 1
          --max-failures 100     stop (and fail, exit 1) once more requests failed; 0 stops at the first, none: no limit
          --results DIR          reports folder (default perf-results/<time>)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            if (args is ["bench-target", .. var targetArgs])
            {
                return await BenchTargets.RunAsync(targetArgs);
            }
            if (args is ["bench", .. var benchArgs])
            {
                return await BenchCommand.RunAsync(new CliArguments(benchArgs), cancel.Token);
            }
            if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            var options = Options(new CliArguments(args));
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }
            var outcome = await LearnerLoadTest.RunAsync(options, cancel.Token);
            Console.WriteLine(outcome.Summary);
            return outcome.Passed ? 0 : 1;
        }
        catch (CliException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled");
            return 130;
        }
    }

    private static LoadTestOptions Options(CliArguments a)
    {
        if (a.Names.FirstOrDefault(n => !Known.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new CliException($"unknown option --{unknown}; known: {string.Join(", ", Known.Select(k => "--" + k))}");
        }
        var url = a.String("url") ?? throw new CliException("--url is required, e.g. --url http://127.0.0.1:8080");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--url got '{url}'; expected an http(s) URL such as http://127.0.0.1:8080");
        }
        var options = a.String("profile") switch
        {
            null or "ci" => new LoadTestOptions { BaseUrl = baseUrl },
            "report" => LoadTestOptions.ReportProfile(baseUrl),
            var other => throw new CliException($"--profile got '{other}'; expected ci or report"),
        };
        return options with
        {
            Users = a.Int("users") ?? options.Users,
            Rate = a.Double("rate") ?? options.Rate,
            Duration = a.Duration("duration") ?? options.Duration,
            RampUp = a.Duration("ramp-up") ?? options.RampUp,
            WarmUp = a.Duration("warm-up") ?? options.WarmUp,
            ThinkTimeMin = a.Duration("think-min") ?? options.ThinkTimeMin,
            ThinkTimeMax = a.Duration("think-max") ?? options.ThinkTimeMax,
            Iterations = a.Int("iterations") ?? options.Iterations,
            RequestTimeout = a.Duration("timeout") ?? options.RequestTimeout,
            MaxErrorPercent = a.Double("max-error-percent") ?? options.MaxErrorPercent,
            MaxP95 = a.Duration("max-p95") ?? options.MaxP95,
            MinRps = a.Double("min-rps") ?? options.MinRps,
            MaxFailures = a.String("max-failures") is "none" ? null : a.Long("max-failures") ?? options.MaxFailures,
            ResultsDirectory = a.String("results") ?? options.ResultsDirectory,
        };
    }
}
