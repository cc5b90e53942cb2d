using System.Net;
using System.Text.Json;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

[Collection(ReferencePlatformCollection.Name)]
public sealed class RegistrationTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task The_register_and_login_pages_set_the_csrftoken_cookie()
    {
        foreach (var page in new[] { "register", "login" })
        {
            using var browser = platform.NewBrowser();
            var html = await browser.PageAsync(page);
            Assert.NotNull(browser.CsrfToken);
            Assert.Contains("<form", html);
        }
    }

    [Fact]
    public async Task Registration_answers_success_and_leaves_the_learner_logged_in()
    {
        using var browser = platform.NewBrowser();
        var account = Learners.NewAccount();
        using var response = await browser.PostAsync("user_api/v1/account/registration/", Learners.RegistrationForm(account));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Browser.JsonAsync(response)).GetProperty("success").GetBoolean());
        Assert.Contains(account.Username, await browser.PageAsync("dashboard"));
    }

    [Fact]
    public async Task A_duplicate_email_or_username_answers_409_with_a_message_per_field()
    {
        using var first = platform.NewBrowser();
        var account = await Learners.RegisterAsync(first);

        using var second = platform.NewBrowser();
        using var both = await second.PostAsync("user_api/v1/account/registration/", Learners.RegistrationForm(account));
        Assert.Equal(HttpStatusCode.Conflict, both.StatusCode);
        var errors = await Browser.JsonAsync(both);
        Assert.Contains(account.Email, UserMessage(errors, "email"));
        Assert.Contains(account.Username, UserMessage(errors, "username"));

        var sameNameOnly = Learners.NewAccount() with { Username = account.Username };
        using var username = await second.PostAsync("user_api/v1/account/registration/", Learners.RegistrationForm(sameNameOnly));
        Assert.Equal(HttpStatusCode.Conflict, username.StatusCode);
        Assert.Equal(["username"], FieldNames(await Browser.JsonAsync(username)));
    }

    [Fact]
    public async Task Invalid_input_answers_400_with_a_message_per_field_and_creates_no_account()
    {
        using var browser = platform.NewBrowser();
        var account = Learners.NewAccount();
        using var response = await browser.PostAsync("user_api/v1/account/registration/",
        [
            new("email", "not-an-email"), new("name", ""), new("username", account.Username),
            new("password", "x"), new("honor_code", "false"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await Browser.JsonAsync(response);
        Assert.Equal(["email", "honor_code", "name", "password"], FieldNames(errors).Order());
        Assert.Equal("A properly formatted e-mail is required", UserMessage(errors, "email"));

        using var retry = await browser.PostAsync("user_api/v1/account/registration/", Learners.RegistrationForm(account));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Login_answers_success_false_for_a_wrong_password_and_true_for_the_right_one()
    {
        using var registered = platform.NewBrowser();
        var account = await Learners.RegisterAsync(registered);

        using var browser = platform.NewBrowser();
        await browser.PageAsync("login");
        using var wrong = await browser.PostAsync("login_ajax", [new("email", account.Email), new("password", "wrong")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.False((await Browser.JsonAsync(wrong)).GetProperty("success").GetBoolean());
        using var anonymousDashboard = await browser.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.Found, anonymousDashboard.StatusCode);

        using var right = await browser.PostAsync("login_ajax", [new("email", account.Email), new("password", account.Password)]);
        Assert.True((await Browser.JsonAsync(right)).GetProperty("success").GetBoolean());
        Assert.Contains(account.Username, await browser.PageAsync("dashboard"));
    }

    [Theory]
    [InlineData("/courses/course-v1:edX+DemoX+Demo_Course/about", "/courses/course-v1:edX+DemoX+Demo_Course/about")]
    [InlineData("https://elsewhere.example/phish", "/dashboard")]
    public async Task Login_sends_the_learner_back_where_they_came_from_but_never_off_site(string next, string expected)
    {
        using var registered = platform.NewBrowser();
        var account = await Learners.RegisterAsync(registered);

        using var browser = platform.NewBrowser();
        await browser.PageAsync("login?next=" + Uri.EscapeDataString(next));
        using var response = await browser.PostAsync("login_ajax",
            [new("email", account.Email), new("password", account.Password), new("next", next)]);
        Assert.Equal(expected, (await Browser.JsonAsync(response)).GetProperty("redirect_url").GetString());
    }

    [Fact]
    public async Task The_dashboard_redirects_an_anonymous_visitor_to_the_login_page()
    {
        using var browser = platform.NewBrowser();
        using var response = await browser.GetAsync("dashboard");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/login?next=/dashboard", response.Headers.Location?.OriginalString);
    }

    static string UserMessage(JsonElement errors, string field) =>
        errors.GetProperty(field)[0].GetProperty("user_message").GetString()!;

    static string[] FieldNames(JsonElement errors) => errors.EnumerateObject().Select(p => p.Name).ToArray();
}
