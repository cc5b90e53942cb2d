using System.Net;
using Mooc.Perf.OpenEdx;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>The forum is a service of its own: while it is down the discussion answers 500, as Ironwood's does, and the rest of the LMS works on.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class ForumOutageTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task While_the_forum_is_stopped_the_discussion_answers_500_the_courseware_still_serves_and_it_recovers()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        using var browser = platform.NewBrowser();
        await Discussions.EnrolledLearnerAsync(browser);

        await platform.Containers.StopAsync("forum", timeout.Token);
        try
        {
            using var inline = await browser.GetAsync(Discussions.Inline(DemoCourse.DiscussionId));
            using var create = await browser.PostAsync(Discussions.CreateThread(DemoCourse.DiscussionId), Discussions.ThreadForm("Anyone there?"));

            Assert.Equal(HttpStatusCode.InternalServerError, inline.StatusCode);
            Assert.Contains("discussion service is unavailable", (await Browser.JsonAsync(inline)).GetProperty("errors")[0].GetString());
            Assert.Equal(HttpStatusCode.InternalServerError, create.StatusCode);
            Assert.Contains("Getting Started", await browser.PageAsync(Discussions.GettingStartedUnit));
            using var heartbeat = await browser.GetAsync("heartbeat");
            Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
        }
        finally
        {
            await platform.Containers.StartAsync("forum", timeout.Token);
        }

        Assert.Contains(Discussions.WelcomeTitle, Discussions.Titles(await Discussions.InlineAsync(browser, DemoCourse.DiscussionId)));
    }
}
