using System.Text.RegularExpressions;
using Mooc.Perf.Engine;
using Mooc.Perf.Learner;
using Mooc.Perf.Reports;

namespace Mooc.Perf.Tests;

public sealed class LearnerLoadTestTests : IDisposable
{
    private static readonly string[] ScenarioSteps =
    [
        "/", "/register", "/user_api/v1/account/registration/", "/dashboard", "/courses", "/courses/{course}/about",
        "/change_enrollment", "/dashboard (enrolled)", "/courses/{course}/course/", "/event (outline)",
        "/courses/{course}/jump_to/{unit}", "/courses/{course}/courseware/{quiz}", "problem_check", "/event (problem)",
        "/courses/{course}/discussion/forum/{discussion}/inline",
    ];

    private readonly string _results = Path.Combine(Path.GetTempPath(), "perf-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_results))
        {
            Directory.Delete(_results, recursive: true);
        }
    }

    private LoadTestOptions Options(Uri url) => new()
    {
        BaseUrl = url,
        Users = 3,
        Iterations = 6,
        ThinkTimeMin = TimeSpan.Zero,
        ThinkTimeMax = TimeSpan.FromMilliseconds(5),
        MaxErrorPercent = 0,
        ResultsDirectory = _results,
        WriteToConsole = false,
    };

    [Fact]
    public async Task Each_learner_registers_its_own_account_and_every_step_passes_with_full_marks()
    {
        var platform = new FakeLearnerPlatform();
        await using var server = await TestServer.StartAsync(platform.Map);

        var outcome = await LearnerLoadTest.RunAsync(Options(server.BaseUrl), CancellationToken.None);

        Assert.True(outcome.Passed, outcome.Summary);
        Assert.Equal(ScenarioSteps, outcome.Result.Steps.Select(s => s.Name));
        Assert.All(outcome.Result.Steps, s => Assert.Equal(6, s.Ok));
        Assert.Equal(6, outcome.Result.IterationsOk);
        Assert.Equal(6, platform.Registrations);
        Assert.Equal(6, platform.Enrollments);
        Assert.Equal(6, outcome.Result["/courses/{course}/jump_to/{unit}"].StatusCodes[302]);
        Assert.StartsWith("load test passed", outcome.Summary);
    }

    [Fact]
    public async Task A_quiz_that_does_not_score_three_of_three_fails_the_step_and_the_test()
    {
        var platform = new FakeLearnerPlatform { GradesWrongly = true };
        await using var server = await TestServer.StartAsync(platform.Map);

        var outcome = await LearnerLoadTest.RunAsync(Options(server.BaseUrl), CancellationToken.None);

        var check = outcome.Result["problem_check"];
        Assert.False(outcome.Passed);
        Assert.Equal(6, check.FailuresByKind[FailureKind.WrongContent]);
        Assert.Contains(check.FailureMessages.Keys, m => m.Contains("problem_check scored 2 of 3"));
        Assert.DoesNotContain("/event (problem)", outcome.Result.Steps.Select(s => s.Name));
        var breached = Assert.Single(outcome.Breached);
        Assert.Contains("max-error-percent 0%", outcome.Summary);
        Assert.Contains("(6 of 78)", breached.Message);
    }

    [Fact]
    public async Task Reports_are_written_in_their_formats_with_the_jmeter_summary_columns()
    {
        var platform = new FakeLearnerPlatform();
        await using var server = await TestServer.StartAsync(platform.Map);

        var outcome = await LearnerLoadTest.RunAsync(Options(server.BaseUrl), CancellationToken.None);

        var csv = await File.ReadAllLinesAsync(outcome.Reports.JMeterCsv);
        Assert.Equal("Label,# Samples,Average,Min,Max,Std. Dev.,Error %,Throughput,Received KB/sec,Sent KB/sec,Avg. Bytes", csv[0]);
        Assert.Equal(ScenarioSteps.Length + 2, csv.Length);
        Assert.StartsWith("TOTAL,90,", csv[^1]);
        Assert.All(csv.Skip(1), line => Assert.Matches(
            new Regex(@"^[^,]+,\d+,\d+,\d+,\d+,[\d.]+,\d+\.\d\d%,[\d.]+,[\d.]+,[\d.]+,[\d.]+$"), line));

        var intervals = await File.ReadAllLinesAsync(outcome.Reports.IntervalsCsv);
        Assert.Equal(string.Join(',', IntervalsCsv.Columns), intervals[0]);
        Assert.Equal(90, intervals.Skip(1).Where(l => l.StartsWith("TOTAL,")).Sum(l => int.Parse(l.Split(',')[3])));

        var html = await File.ReadAllTextAsync(outcome.Reports.Html);
        var images = Regex.Matches(html, "data:image/png;base64,([A-Za-z0-9+/=]+)");
        Assert.Equal(3, images.Count);
        Assert.All(images, m => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(m.Groups[1].Value)[..4]));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace(server.BaseUrl.ToString(), ""));

        var markdown = await File.ReadAllTextAsync(outcome.Reports.Markdown);
        Assert.Contains("| Step | Requests | OK | Failed |", markdown);
        Assert.Contains("✅ passed `max-error-percent 0%`", markdown);
        Assert.Contains("| problem_check | 6 | 6 | 0 |", markdown);
    }
}
