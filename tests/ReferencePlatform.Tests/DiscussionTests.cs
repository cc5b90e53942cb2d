using System.Net;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>The unit discussion as Ironwood's learner pages use it: the inline view, posting a thread, replying, the thread list.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class DiscussionTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task The_unit_page_holds_the_discussion_and_its_inline_view_shows_the_seeded_thread_with_Ironwoods_fields()
    {
        using var browser = platform.NewBrowser();
        var account = await Discussions.EnrolledLearnerAsync(browser);
        Assert.Contains($"data-discussion-id=\"{DemoCourse.DiscussionId}\"", await browser.PageAsync(Discussions.GettingStartedUnit));

        var inline = await Discussions.InlineAsync(browser, DemoCourse.DiscussionId);

        var welcome = inline.GetProperty("discussion_data")[0];
        Assert.Equal(Discussions.WelcomeTitle, welcome.GetProperty("title").GetString());
        Assert.Equal("staff", welcome.GetProperty("username").GetString());
        Assert.Equal("2", welcome.GetProperty("user_id").GetString());
        Assert.Equal(DemoCourse.DiscussionId, welcome.GetProperty("commentable_id").GetString());
        Assert.Equal("thread", welcome.GetProperty("type").GetString());
        Assert.True(welcome.GetProperty("pinned").GetBoolean());
        Assert.Matches("^[0-9a-f]{24}$", welcome.GetProperty("id").GetString());
        Assert.Equal("Example Week 1 / Getting Started", welcome.GetProperty("courseware_title").GetString());
        Assert.Equal(1, inline.GetProperty("page").GetInt32());
        Assert.Equal(1, inline.GetProperty("num_pages").GetInt32());
        Assert.False(inline.GetProperty("is_commentable_divided").GetBoolean());
        Assert.Equal(account.Username, inline.GetProperty("user_info").GetProperty("username").GetString());
        var ability = inline.GetProperty("annotated_content_info").GetProperty(welcome.GetProperty("id").GetString()!).GetProperty("ability");
        Assert.False(ability.GetProperty("editable").GetBoolean());
        Assert.True(ability.GetProperty("can_reply").GetBoolean());
        Assert.True(inline.GetProperty("roles").TryGetProperty("Moderator", out _));
        Assert.Equal(DemoCourse.DiscussionId, inline.GetProperty("course_settings").GetProperty("category_map")
            .GetProperty("entries").GetProperty("Example Week 1 / Getting Started").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_posted_thread_comes_back_from_the_forum_and_leads_the_inline_view()
    {
        using var browser = platform.NewBrowser();
        var account = await Discussions.EnrolledLearnerAsync(browser);
        var discussion = Discussions.NewDiscussionId();

        var thread = await Discussions.PostThreadAsync(browser, discussion, "Where do I find the homework?");

        Assert.Equal("Where do I find the homework?", thread.GetProperty("title").GetString());
        Assert.Equal("What do you think?", thread.GetProperty("body").GetString());
        Assert.Equal(account.Username, thread.GetProperty("username").GetString());
        Assert.Equal(DemoCourse.CourseId, thread.GetProperty("course_id").GetString());
        Assert.Equal(0, thread.GetProperty("comments_count").GetInt32());
        var second = await Discussions.PostThreadAsync(browser, discussion, "And the progress page?");
        var inline = await Discussions.InlineAsync(browser, discussion);
        Assert.Equal(["And the progress page?", "Where do I find the homework?"], Discussions.Titles(inline));
        Assert.True(inline.GetProperty("annotated_content_info").GetProperty(second.GetProperty("id").GetString()!)
            .GetProperty("ability").GetProperty("editable").GetBoolean());
    }

    [Fact]
    public async Task The_inline_view_pages_twenty_threads_at_a_time_newest_first()
    {
        using var browser = platform.NewBrowser();
        await Discussions.EnrolledLearnerAsync(browser);
        var discussion = Discussions.NewDiscussionId();
        for (var i = 1; i <= 21; i++) await Discussions.PostThreadAsync(browser, discussion, $"Question {i}");

        var first = await Discussions.InlineAsync(browser, discussion);
        var second = await Discussions.InlineAsync(browser, discussion, page: 2);

        Assert.Equal(20, Discussions.Titles(first).Count);
        Assert.Equal("Question 21", Discussions.Titles(first)[0]);
        Assert.Equal((1, 2), (first.GetProperty("page").GetInt32(), first.GetProperty("num_pages").GetInt32()));
        Assert.Equal(["Question 1"], Discussions.Titles(second));
        Assert.Equal((2, 2), (second.GetProperty("page").GetInt32(), second.GetProperty("num_pages").GetInt32()));
    }

    [Fact]
    public async Task A_reply_is_a_comment_on_the_thread_and_counts_in_the_inline_view()
    {
        using var browser = platform.NewBrowser();
        var account = await Discussions.EnrolledLearnerAsync(browser);
        var discussion = Discussions.NewDiscussionId();
        var threadId = (await Discussions.PostThreadAsync(browser, discussion, "Hello")).GetProperty("id").GetString()!;

        using var response = await browser.PostAsync(Discussions.Reply(threadId), [new("body", "Hello to you too")]);

        var comment = await Browser.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("comment", comment.GetProperty("type").GetString());
        Assert.Equal(threadId, comment.GetProperty("thread_id").GetString());
        Assert.Equal("Hello to you too", comment.GetProperty("body").GetString());
        Assert.Equal(0, comment.GetProperty("depth").GetInt32());
        Assert.Equal(account.Username, comment.GetProperty("username").GetString());
        var thread = (await Discussions.InlineAsync(browser, discussion)).GetProperty("discussion_data")[0];
        Assert.Equal(1, thread.GetProperty("comments_count").GetInt32());
    }

    [Fact]
    public async Task The_thread_list_holds_the_course_discussions_threads_in_JSON_for_the_script_and_as_a_page()
    {
        using var browser = platform.NewBrowser();
        await Discussions.EnrolledLearnerAsync(browser);
        await Discussions.PostThreadAsync(browser, DemoCourse.DiscussionId, "Listed in the course discussion");
        await Discussions.PostThreadAsync(browser, Discussions.NewDiscussionId(), "Not in any unit of the course");

        using var response = await browser.AjaxGetAsync(Discussions.ThreadList);

        var list = await Browser.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var titles = Discussions.Titles(list);
        Assert.Contains(Discussions.WelcomeTitle, titles);
        Assert.Contains("Listed in the course discussion", titles);
        Assert.DoesNotContain("Not in any unit of the course", titles);
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        Assert.Contains("Listed in the course discussion", await browser.PageAsync(Discussions.ThreadList));
    }
}
