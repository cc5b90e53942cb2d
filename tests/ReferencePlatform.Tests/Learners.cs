using System.Net;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

public sealed record Account(string Email, string Username, string Password);

/// <summary>Steps many tests share: a fresh registered learner, enrolled or not.</summary>
public static class Learners
{
    public static Account NewAccount()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new Account($"learner-{id}@example.org", $"learner_{id}", $"pw-{id}");
    }

    public static IEnumerable<KeyValuePair<string, string>> RegistrationForm(Account account) =>
    [
        new("email", account.Email),
        new("name", "Ada Learner"),
        new("username", account.Username),
        new("password", account.Password),
        new("honor_code", "true"),
        new("country", "FR"),
        new("level_of_education", "m"),
        new("gender", "f"),
        new("year_of_birth", "1990"),
        new("mailing_address", "1 Rue de l'Ecole"),
        new("goals", "Learn how MOOCs work"),
    ];

    public static async Task<Account> RegisterAsync(Browser browser)
    {
        var account = NewAccount();
        using var response = await browser.PostAsync("user_api/v1/account/registration/", RegistrationForm(account));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return account;
    }

    public static async Task<Account> RegisterAndEnrollAsync(Browser browser)
    {
        var account = await RegisterAsync(browser);
        using var response = await browser.PostAsync("change_enrollment", Enroll(DemoCourse.CourseId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return account;
    }

    public static IEnumerable<KeyValuePair<string, string>> Enroll(string courseId, string action = "enroll") =>
        [new("course_id", courseId), new("enrollment_action", action)];

    public static string ProblemCheckPath(string courseId = DemoCourse.CourseId, string usageId = DemoCourse.ProblemUsageId) =>
        $"courses/{courseId}/xblock/{usageId}/handler/xmodule_handler/problem_check";

    public static int Occurrences(string text, string value) => text.Split(value).Length - 1;
}
