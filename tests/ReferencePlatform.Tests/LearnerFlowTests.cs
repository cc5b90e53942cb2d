using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>The report's load-test scenario, walked once by the load engine's own Open edX client.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class LearnerFlowTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task A_new_learner_registers_enrolls_takes_the_quiz_and_finds_the_score_on_the_progress_page()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var ct = timeout.Token;
        var account = Learners.NewAccount();
        using var learner = new LearnerClient(platform.BaseAddress);

        Ok(await learner.GetPageAsync("", ct, mustContain: "edX Demonstration Course"));
        Ok(await learner.GetPageAsync("courses", ct, mustContain: DemoCourse.CourseId));
        Ok(await learner.GetPageAsync("register", ct));
        Assert.NotNull(learner.CsrfToken);
        Ok(await learner.RegisterAsync(account.Email, account.Username, "Ada Learner", account.Password, ct));
        Ok(await learner.GetPageAsync($"courses/{DemoCourse.CourseId}/about", ct, mustContain: "Enroll"));
        Ok(await learner.EnrollAsync(DemoCourse.CourseId, ct));
        Ok(await learner.GetPageAsync("dashboard", ct, mustContain: "edX Demonstration Course"));
        Ok(await learner.GetPageAsync($"courses/{DemoCourse.CourseId}/course/", ct, mustContain: "Homework - Question Styles"));

        var jump = await learner.GetPageAsync($"courses/{DemoCourse.CourseId}/jump_to/{DemoCourse.QuizUnitUsageId}", ct);
        Ok(jump);
        Assert.Equal($"/courses/{DemoCourse.CourseId}/courseware/{DemoCourse.QuizCoursewarePath}", jump.FinalPath);
        Assert.Contains($"input_{DemoCourse.ProblemKey}_4_1[]", jump.Body);

        var check = await learner.ProblemCheckAsync(DemoCourse.CourseId, DemoCourse.ProblemUsageId, DemoCourse.CorrectAnswers, ct);
        Ok(check);
        Assert.Equal(new ProblemCheckResult("correct", 3, 3, 1), ProblemCheckResult.TryParse(check.Body));

        var logged = await learner.SendEventAsync("problem_graded", "{\"problem_id\": \"" + DemoCourse.ProblemUsageId + "\"}", "/courseware", ct);
        Ok(logged);
        Assert.Equal("success", logged.Body);

        Ok(await learner.GetPageAsync($"courses/{DemoCourse.CourseId}/progress", ct, mustContain: "id=\"total-score\">3/3<"));

        using var again = new LearnerClient(platform.BaseAddress);
        Ok(await again.LoginAsync(account.Email, account.Password, ct));
        Ok(await again.GetPageAsync("dashboard", ct, mustContain: "edX Demonstration Course"));
    }

    [Fact]
    public async Task The_demo_accounts_log_in_with_the_demo_password_and_staff_is_enrolled_in_the_demo_course()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var ct = timeout.Token;
        using var staff = new LearnerClient(platform.BaseAddress);
        Ok(await staff.LoginAsync("staff@example.com", platform.DemoPassword, ct));
        Ok(await staff.GetPageAsync("dashboard", ct, mustContain: "edX Demonstration Course"));

        using var stranger = new LearnerClient(platform.BaseAddress);
        Assert.False((await stranger.LoginAsync("staff@example.com", "not-the-password", ct)).Ok);
    }

    static void Ok(LearnerResponse response) => Assert.True(response.Ok, $"{response.Problem}\n{Trim(response.Body)}");

    static string Trim(string body) => body.Length > 600 ? body[..600] + "…" : body;
}
