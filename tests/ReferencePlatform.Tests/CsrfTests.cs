using System.Net;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>Django's CSRF rules, as Ironwood applies them: every POST needs the token but registration.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class CsrfTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task An_enrollment_posted_without_the_csrf_header_is_refused_and_changes_nothing()
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAsync(browser);

        using var response = await browser.PostAsync("change_enrollment", Learners.Enroll(DemoCourse.CourseId), withCsrfToken: false);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("edX Demonstration Course", await browser.PageAsync("dashboard"));
    }

    [Theory]
    [InlineData("login_ajax")]
    [InlineData("event")]
    public async Task Other_posts_without_the_csrf_header_are_refused(string path)
    {
        using var browser = platform.NewBrowser();
        await browser.PageAsync("login");
        using var response = await browser.PostAsync(path, [new("email", "staff@example.com"), new("event_type", "x")], withCsrfToken: false);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_problem_check_without_the_csrf_header_is_refused_and_not_graded()
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAndEnrollAsync(browser);

        using var refused = await browser.PostAsync(Learners.ProblemCheckPath(), DemoCourse.CorrectAnswers, withCsrfToken: false);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var graded = await browser.PostAsync(Learners.ProblemCheckPath(), DemoCourse.CorrectAnswers);
        Assert.Equal(1, (await Browser.JsonAsync(graded)).GetProperty("attempts_used").GetInt32());
    }

    [Fact]
    public async Task Registration_is_exempt_from_csrf_as_in_ironwood()
    {
        using var browser = platform.NewBrowser();
        using var response = await browser.PostAsync("user_api/v1/account/registration/",
            Learners.RegistrationForm(Learners.NewAccount()), withCsrfToken: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
