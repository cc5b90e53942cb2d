using System.Net;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

[Collection(ReferencePlatformCollection.Name)]
public sealed class EnrollmentTests(ReferenceDeployment platform)
{
    const string CourseName = "edX Demonstration Course";

    [Fact]
    public async Task Enrolling_twice_is_harmless_and_the_course_is_listed_once()
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAsync(browser);

        for (var i = 0; i < 2; i++)
        {
            using var response = await browser.PostAsync("change_enrollment", Learners.Enroll(DemoCourse.CourseId));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, Learners.Occurrences(await browser.PageAsync("dashboard"), CourseName));
    }

    [Fact]
    public async Task Unenrolling_removes_the_course_from_the_dashboard_and_closes_the_courseware()
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAndEnrollAsync(browser);

        using var response = await browser.PostAsync("change_enrollment", Learners.Enroll(DemoCourse.CourseId, "unenroll"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(CourseName, await browser.PageAsync("dashboard"));
        using var courseware = await browser.GetAsync($"courses/{DemoCourse.CourseId}/courseware/{DemoCourse.QuizCoursewarePath}");
        Assert.Equal(HttpStatusCode.Found, courseware.StatusCode);
        Assert.EndsWith("/about", courseware.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("", "enroll")]
    [InlineData("course-v1:edX+NoSuch+Course", "enroll")]
    [InlineData(DemoCourse.CourseId, "")]
    [InlineData(DemoCourse.CourseId, "subscribe")]
    public async Task A_missing_or_unknown_course_or_action_answers_400(string courseId, string action)
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAsync(browser);
        using var response = await browser.PostAsync("change_enrollment", Learners.Enroll(courseId, action));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_with_a_valid_csrf_token_cannot_enroll()
    {
        using var browser = platform.NewBrowser();
        await browser.PageAsync($"courses/{DemoCourse.CourseId}/about");
        Assert.NotNull(browser.CsrfToken);

        using var response = await browser.PostAsync("change_enrollment", Learners.Enroll(DemoCourse.CourseId));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
