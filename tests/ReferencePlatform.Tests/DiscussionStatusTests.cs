using System.Net;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>What Ironwood answers when the learner, the discussion or the post is not right.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class DiscussionStatusTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task Anonymous_learners_are_sent_to_the_login_page()
    {
        using var browser = platform.NewBrowser();
        await browser.PageAsync("login");

        using var inline = await browser.GetAsync(Discussions.Inline(DemoCourse.DiscussionId));
        using var create = await browser.PostAsync(Discussions.CreateThread(DemoCourse.DiscussionId), Discussions.ThreadForm("Hi"));

        Assert.Equal(HttpStatusCode.Found, inline.StatusCode);
        Assert.StartsWith("/login?next=", inline.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, create.StatusCode);
        Assert.StartsWith("/login?next=", create.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_learner_not_enrolled_is_sent_to_the_about_page_and_may_not_post()
    {
        using var browser = platform.NewBrowser();
        await Learners.RegisterAsync(browser);
        await browser.PageAsync($"courses/{DemoCourse.CourseId}/about");

        using var inline = await browser.GetAsync(Discussions.Inline(DemoCourse.DiscussionId));
        using var create = await browser.PostAsync(Discussions.CreateThread(DemoCourse.DiscussionId), Discussions.ThreadForm("Hi"));

        Assert.Equal(HttpStatusCode.Found, inline.StatusCode);
        Assert.Equal($"/courses/{DemoCourse.CourseId}/about", inline.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal("unauthorized", (await Browser.JsonAsync(create)).GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task A_discussion_id_without_threads_is_an_empty_page_as_in_Ironwood_and_a_malformed_one_or_unknown_course_is_404()
    {
        using var browser = platform.NewBrowser();
        await Discussions.EnrolledLearnerAsync(browser);

        var empty = await Discussions.InlineAsync(browser, Discussions.NewDiscussionId());
        using var malformed = await browser.GetAsync(Discussions.Inline("no!such*discussion"));
        using var unknownCourse = await browser.GetAsync($"courses/course-v1:edX+Nope+2019/discussion/forum/{DemoCourse.DiscussionId}/inline");

        Assert.Empty(Discussions.Titles(empty));
        Assert.Equal((1, 1), (empty.GetProperty("page").GetInt32(), empty.GetProperty("num_pages").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownCourse.StatusCode);
    }

    [Fact]
    public async Task Empty_titles_and_bodies_are_400_with_Ironwoods_messages_and_a_reply_to_no_thread_is_404()
    {
        using var browser = platform.NewBrowser();
        await Discussions.EnrolledLearnerAsync(browser);
        var discussion = Discussions.NewDiscussionId();
        var threadId = (await Discussions.PostThreadAsync(browser, discussion, "Fine")).GetProperty("id").GetString()!;

        using var noTitle = await browser.PostAsync(Discussions.CreateThread(discussion), Discussions.ThreadForm(" "));
        using var noBody = await browser.PostAsync(Discussions.CreateThread(discussion), Discussions.ThreadForm("Title", body: ""));
        using var emptyReply = await browser.PostAsync(Discussions.Reply(threadId), [new("body", "  ")]);
        using var noThread = await browser.PostAsync(Discussions.Reply("0123456789abcdef01234567"), [new("body", "Anyone?")]);
        using var withoutCsrf = await browser.PostAsync(Discussions.Reply(threadId), [new("body", "Hi")], withCsrfToken: false);

        Assert.Equal((HttpStatusCode.BadRequest, "Title can't be empty"), (noTitle.StatusCode, await FirstErrorAsync(noTitle)));
        Assert.Equal((HttpStatusCode.BadRequest, "Body can't be empty"), (noBody.StatusCode, await FirstErrorAsync(noBody)));
        Assert.Equal((HttpStatusCode.BadRequest, "Body can't be empty"), (emptyReply.StatusCode, await FirstErrorAsync(emptyReply)));
        Assert.Equal((HttpStatusCode.NotFound, "requested object not found"), (noThread.StatusCode, await FirstErrorAsync(noThread)));
        Assert.Equal(HttpStatusCode.Forbidden, withoutCsrf.StatusCode);
        Assert.Equal(["Fine"], Discussions.Titles(await Discussions.InlineAsync(browser, discussion)));
    }

    static async Task<string?> FirstErrorAsync(HttpResponseMessage response) =>
        (await Browser.JsonAsync(response)).GetProperty("errors")[0].GetString();
}
