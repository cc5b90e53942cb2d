using System.Net;
using System.Text.Json;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

[Collection(ReferencePlatformCollection.Name)]
public sealed class ProblemCheckTests(ReferenceDeployment platform)
{
    static readonly string Key = DemoCourse.ProblemKey;
    static readonly string ProgressPath = $"courses/{DemoCourse.CourseId}/progress";

    [Fact]
    public async Task Incorrect_then_correct_answers_are_graded_and_the_score_is_stored_for_the_learner()
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAndEnrollAsync(browser);

        // Right text answer, wrong choice, wrong checkboxes: one point of three.
        var partly = await CheckAsync(browser, [new($"input_{Key}_2_1", " Blue "), new($"input_{Key}_3_1", "choice_1"), new($"input_{Key}_4_1[]", "choice_0")]);
        Assert.Equal("incorrect", partly.GetProperty("success").GetString());
        Assert.Equal(1, partly.GetProperty("current_score").GetDouble());
        Assert.Equal(3, partly.GetProperty("total_possible").GetDouble());
        Assert.Equal(1, partly.GetProperty("attempts_used").GetInt32());
        Assert.True(partly.GetProperty("progress_changed").GetBoolean());
        Assert.Contains("incorrect", partly.GetProperty("contents").GetString());
        Assert.Contains("id=\"total-score\">1/3<", await browser.PageAsync(ProgressPath));

        var correct = await CheckAsync(browser, DemoCourse.CorrectAnswers);
        Assert.Equal("correct", correct.GetProperty("success").GetString());
        Assert.Equal(3, correct.GetProperty("current_score").GetDouble());
        Assert.Equal(2, correct.GetProperty("attempts_used").GetInt32());

        var progress = await browser.PageAsync(ProgressPath);
        Assert.Contains("id=\"total-score\">3/3<", progress);
        Assert.Contains("<td class=\"attempts\">2</td>", progress);
        // The courseware page shows the stored answers back to the learner.
        var unit = await browser.PageAsync($"courses/{DemoCourse.CourseId}/courseware/{DemoCourse.QuizCoursewarePath}");
        Assert.Contains("3/3 points", unit);
        Assert.Contains($"name=\"input_{Key}_2_1\" value=\"blue\"", unit);
    }

    [Fact]
    public async Task Wrong_answers_score_nothing_and_each_learner_has_a_score_of_their_own()
    {
        using var wrong = platform.NewBrowser();
        await Learners.RegisterAndEnrollAsync(wrong);
        using var right = platform.NewBrowser();
        await Learners.RegisterAndEnrollAsync(right);

        await CheckAsync(right, DemoCourse.CorrectAnswers);
        var graded = await CheckAsync(wrong, DemoCourse.WrongAnswers);

        Assert.Equal("incorrect", graded.GetProperty("success").GetString());
        Assert.Equal(0, graded.GetProperty("current_score").GetDouble());
        Assert.Equal(1, graded.GetProperty("attempts_used").GetInt32());
        Assert.Contains("id=\"total-score\">0/3<", await wrong.PageAsync(ProgressPath));
        Assert.Contains("id=\"total-score\">3/3<", await right.PageAsync(ProgressPath));
    }

    [Fact]
    public async Task An_anonymous_check_answers_403_and_an_unknown_block_404()
    {
        using var anonymous = platform.NewBrowser();
        await anonymous.PageAsync("login");
        using var forbidden = await anonymous.PostAsync(Learners.ProblemCheckPath(), DemoCourse.CorrectAnswers);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var learner = platform.NewBrowser();
        await Learners.RegisterAndEnrollAsync(learner);
        var unknown = DemoCourse.ProblemUsageId.Replace(Key, "00000000000000000000000000000000");
        using var notFound = await learner.PostAsync(Learners.ProblemCheckPath(usageId: unknown), DemoCourse.CorrectAnswers);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
    }

    static async Task<JsonElement> CheckAsync(Browser browser, IEnumerable<KeyValuePair<string, string>> answers)
    {
        using var response = await browser.PostAsync(Learners.ProblemCheckPath(), answers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.JsonAsync(response);
    }
}
