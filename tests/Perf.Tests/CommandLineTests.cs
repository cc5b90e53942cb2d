using Mooc.Perf.Cli;

namespace Mooc.Perf.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _results = Path.Combine(Path.GetTempPath(), "perf-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_against_a_url_writes_the_reports_and_exits_zero_when_thresholds_hold()
    {
        var platform = new FakeLearnerPlatform();
        await using var server = await TestServer.StartAsync(platform.Map);

        var exit = await PerfCommand.RunAsync(["--url", server.BaseUrl.ToString(), "--users", "2", "--iterations", "3",
            "--think-min", "0ms", "--think-max", "0ms", "--max-error-percent", "0", "--results", _results]);

        Assert.Equal(0, exit);
        Assert.Equal(3, platform.Registrations);
        Assert.True(File.Exists(Path.Combine(_results, "summary.csv")));
        Assert.True(File.Exists(Path.Combine(_results, "report.html")));
    }

    [Fact]
    public async Task A_breached_threshold_exits_one()
    {
        var platform = new FakeLearnerPlatform { GradesWrongly = true };
        await using var server = await TestServer.StartAsync(platform.Map);

        var exit = await PerfCommand.RunAsync(["--url", server.BaseUrl.ToString(), "--users", "1", "--iterations", "1",
            "--think-min", "0ms", "--think-max", "0ms", "--results", _results]);

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task A_platform_that_is_down_stops_the_run_at_max_failures_says_so_and_exits_one()
    {
        var closedPort = TestServer.ClosedPort();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = await PerfCommand.RunAsync(["--url", $"http://127.0.0.1:{closedPort}/", "--users", "2", "--duration", "10m",
                "--warm-up", "0s", "--ramp-up", "0s", "--think-min", "0ms", "--think-max", "10ms", "--max-failures", "3", "--results", _results]);

            Assert.Equal(1, exit);
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Contains("stopped early: 4 requests failed, more than the maximum of 3", output.ToString());
        Assert.Contains("load test failed: stopped early", output.ToString());
    }

    [Theory]
    [InlineData("--users", "ten")]
    [InlineData("--duration", "30")]
    [InlineData("--profile", "huge")]
    [InlineData("--no-such-option", "1")]
    [InlineData("--think-min", "2s")]
    [InlineData("--max-failures", "-1")]
    [InlineData("--max-failures", "lots")]
    public async Task Bad_options_exit_two_before_any_load(string option, string value)
    {
        var exit = await PerfCommand.RunAsync(["--url", "http://127.0.0.1:9/", option, value, "--results", _results]);

        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(_results));
    }
}
