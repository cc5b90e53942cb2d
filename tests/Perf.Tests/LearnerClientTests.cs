using System.Net;
using Mooc.Perf.OpenEdx;

namespace Mooc.Perf.Tests;

public sealed class LearnerClientTests
{
    [Fact]
    public async Task A_new_learner_registers_logs_in_enrolls_and_scores_full_marks()
    {
        var platform = new FakeLearnerPlatform();
        await using var server = await TestServer.StartAsync(platform.Map);
        using var learner = new LearnerClient(server.BaseUrl);
        var ct = CancellationToken.None;

        var register = await learner.RegisterAsync("ann@example.com", "ann", "Ann", "pw-1", ct);
        using var again = new LearnerClient(server.BaseUrl);
        var login = await again.LoginAsync("ann@example.com", "pw-1", ct);
        var enroll = await again.EnrollAsync(DemoCourse.CourseId, ct);
        var check = await again.ProblemCheckAsync(DemoCourse.CourseId, DemoCourse.ProblemUsageId, DemoCourse.CorrectAnswers, ct);
        var dashboard = await again.GetPageAsync("dashboard", ct);

        Assert.True(register.Ok, register.Problem);
        Assert.True(login.Ok, login.Problem);
        Assert.True(enroll.Ok, enroll.Problem);
        Assert.True(check.Ok, check.Problem);
        Assert.Equal(new ProblemCheckResult("correct", 3, 3, 1), ProblemCheckResult.TryParse(check.Body));
        Assert.Equal("/dashboard", dashboard.FinalPath);
        Assert.NotNull(again.CsrfToken);
        Assert.True(register.BytesSent > 0 && register.BytesReceived > register.Body.Length);
        Assert.Equal(1, platform.Enrollments);
    }

    [Fact]
    public async Task Refusals_come_back_as_problems_that_say_what_the_server_answered()
    {
        var platform = new FakeLearnerPlatform();
        await using var server = await TestServer.StartAsync(platform.Map);
        using var learner = new LearnerClient(server.BaseUrl);
        using var anonymous = new LearnerClient(server.BaseUrl);
        var ct = CancellationToken.None;
        await learner.RegisterAsync("bob@example.com", "bob", "Bob", "pw-2", ct);

        var duplicate = await learner.RegisterAsync("bob@example.com", "bob", "Bob", "pw-2", ct);
        var wrongPassword = await anonymous.LoginAsync("bob@example.com", "not-it", ct);
        var anonymousEnroll = await anonymous.EnrollAsync(DemoCourse.CourseId, ct);
        var wrong = await learner.ProblemCheckAsync(DemoCourse.CourseId, DemoCourse.ProblemUsageId, DemoCourse.WrongAnswers, ct);
        var anonymousDashboard = await anonymous.GetPageAsync("dashboard", ct);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.StartsWith("POST /user_api/v1/account/registration/ answered 409", duplicate.Problem);
        Assert.Contains("expected {\"success\": true}", wrongPassword.Problem);
        Assert.Equal(403, anonymousEnroll.Status);
        Assert.False(anonymousEnroll.Ok);
        Assert.True(wrong.Ok, wrong.Problem);
        Assert.Equal(0, ProblemCheckResult.TryParse(wrong.Body)!.CurrentScore);
        Assert.StartsWith("/login", anonymousDashboard.FinalPath);
    }

    [Fact]
    public async Task A_server_that_is_not_listening_throws_a_transport_error()
    {
        using var learner = new LearnerClient(new Uri("http://127.0.0.1:9/"), timeout: TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<HttpRequestException>(() => learner.GetPageAsync("", CancellationToken.None));
    }
}
