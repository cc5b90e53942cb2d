using System.Net;
using System.Text.Json;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>Ironwood's discussion paths on the demo course, and the steps the discussion tests share.</summary>
public static class Discussions
{
    public const string WelcomeTitle = "Welcome! Introduce yourself";

    /// <summary>The "Getting Started" unit, whose page holds the seeded discussion.</summary>
    public const string GettingStartedUnit = $"courses/{DemoCourse.CourseId}/courseware/interactive_demonstrations/19a30717eff543078a5d94ae9d6c18a5/1";

    public static string Inline(string discussionId, int? page = null) =>
        DemoCourse.InlineDiscussionPath(DemoCourse.CourseId, discussionId) + (page is { } p ? $"?page={p}" : "");

    public static string CreateThread(string commentableId, string courseId = DemoCourse.CourseId) =>
        $"courses/{courseId}/discussion/{commentableId}/threads/create";

    public static string Reply(string threadId) => $"courses/{DemoCourse.CourseId}/discussion/threads/{threadId}/reply";

    public const string ThreadList = $"courses/{DemoCourse.CourseId}/discussion/forum/";

    /// <summary>A discussion no other test posts in, so its threads and pages are this test's own.</summary>
    public static string NewDiscussionId() => "test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A fresh learner, enrolled, with the csrftoken cookie the unit's page sets.</summary>
    public static async Task<Account> EnrolledLearnerAsync(Browser browser)
    {
        var account = await Learners.RegisterAndEnrollAsync(browser);
        await browser.PageAsync(GettingStartedUnit);
        return account;
    }

    public static IEnumerable<KeyValuePair<string, string>> ThreadForm(string title, string body = "What do you think?") =>
        [new("title", title), new("body", body), new("thread_type", "discussion"), new("auto_subscribe", "true")];

    public static async Task<JsonElement> PostThreadAsync(Browser browser, string commentableId, string title)
    {
        using var response = await browser.PostAsync(CreateThread(commentableId), ThreadForm(title));
        var json = await Browser.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"create thread answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<JsonElement> InlineAsync(Browser browser, string discussionId, int? page = null)
    {
        using var response = await browser.GetAsync(Inline(discussionId, page));
        var json = await Browser.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the inline view answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static List<string> Titles(JsonElement inline) =>
        inline.GetProperty("discussion_data").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
}
