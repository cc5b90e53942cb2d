using System.Security.Cryptography;
using Mooc.Perf.Engine;
using Mooc.Perf.OpenEdx;

namespace Mooc.Perf.Learner;

/// <summary>
/// The learner scenario of the report's chapter 6.4 as Open edX serves it: a new learner
/// registers, browses the catalog, enrolls in the demo course, opens it, goes to the quiz,
/// answers it correctly (it must score 3 of 3), sends the browser's tracking events and loads a unit's
/// inline discussion (the JSON the courseware page's script fetches).
/// Every iteration registers its own account. Step names are the paths, as JMeter labels them.
/// With a <see cref="WriteJournal"/>, every enrollment and graded submission the platform acknowledged is recorded in it.
/// </summary>
public static class LearnerScenario
{
    public const string Name = "learner";

    private const string Course = DemoCourse.CourseId;

    /// <param name="testRun">Marks every account the scenario registers as this test run's (null: unmarked).</param>
    public static Scenario Create(Uri baseUrl, HttpMessageInvoker transport, TimeSpan requestTimeout, string? testRun = null, WriteJournal? journal = null)
    {
        // Accounts must be unique across runs against the same database: tag them with the run.
        var runTag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
        return Scenario.Create(Name, async ctx =>
        {
            using var learner = new LearnerClient(baseUrl, transport, requestTimeout) { TestRun = testRun };
            var ct = ctx.CancellationToken;
            var username = $"lt{runTag}u{ctx.InvocationNumber}";

            await Step.Run("/", ctx, async () => LearnerSteps.ToResponse(await learner.GetPageAsync("", ct)));
            await Step.Run("/register", ctx, async () => LearnerSteps.ToResponse(await learner.GetPageAsync("register", ct)));
            await Step.Run("/user_api/v1/account/registration/", ctx, async () => LearnerSteps.ToResponse(
                await learner.RegisterAsync($"{username}@example.com", username, $"Load Learner {ctx.InvocationNumber}", password, ct)));
            await Step.Run("/dashboard", ctx, async () => LearnerSteps.ToResponse(
                LearnerSteps.RequireFinalPath(await learner.GetPageAsync("dashboard", ct), "/dashboard")));
            await Step.Run("/courses", ctx, async () => LearnerSteps.ToResponse(await learner.GetPageAsync("courses", ct)));
            await Step.Run("/courses/{course}/about", ctx, async () => LearnerSteps.ToResponse(
                await learner.GetPageAsync($"courses/{Course}/about", ct)));
            await Step.Run("/change_enrollment", ctx, async () => LearnerSteps.ToResponse(await learner.EnrollAsync(Course, ct)));
            journal?.Record(new AcknowledgedWrite(WriteKind.Enrollment, username, Course));
            await Step.Run("/dashboard (enrolled)", ctx, async () => LearnerSteps.ToResponse(
                LearnerSteps.RequireFinalPath(await learner.GetPageAsync("dashboard", ct), "/dashboard")));
            await Step.Run("/courses/{course}/course/", ctx, async () => LearnerSteps.ToResponse(
                await learner.GetPageAsync($"courses/{Course}/course/", ct)));
            await Step.Run("/event (outline)", ctx, async () => LearnerSteps.ToResponse(await learner.SendEventAsync(
                "edx.ui.lms.outline.selected", """{"target_name":"Basic Questions","widget_placement":"accordion"}""",
                $"{baseUrl}courses/{Course}/course/", ct)));
            await Step.Run("/courses/{course}/jump_to/{unit}", ctx, async () => LearnerSteps.ToResponse(
                await learner.GetPageAsync($"courses/{Course}/jump_to/{DemoCourse.QuizUnitUsageId}", ct, followRedirects: false)));
            await Step.Run("/courses/{course}/courseware/{quiz}", ctx, async () => LearnerSteps.ToResponse(
                await learner.GetPageAsync($"courses/{Course}/courseware/{DemoCourse.QuizCoursewarePath}", ct,
                    mustContain: DemoCourse.ProblemKey)));
            await Step.Run("problem_check", ctx, async () => LearnerSteps.ToScoredResponse(
                await learner.ProblemCheckAsync(Course, DemoCourse.ProblemUsageId, DemoCourse.CorrectAnswers, ct)));
            journal?.Record(new AcknowledgedWrite(WriteKind.GradedSubmission, username, Course, DemoCourse.ProblemUsageId));
            await Step.Run("/event (problem)", ctx, async () => LearnerSteps.ToResponse(await learner.SendEventAsync(
                "problem_graded", $$"""{"problem_id":"{{DemoCourse.ProblemUsageId}}"}""",
                $"{baseUrl}courses/{Course}/courseware/{DemoCourse.QuizCoursewarePath}", ct)));
            await Step.Run("/courses/{course}/discussion/forum/{discussion}/inline", ctx, async () => LearnerSteps.ToResponse(
                await learner.InlineDiscussionAsync(Course, DemoCourse.DiscussionId, ct)));
            return Response.Ok();
        });
    }
}
