using System.Net;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

[Collection(ReferencePlatformCollection.Name)]
public sealed class TrackingTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task An_event_answers_success_and_is_stored_with_its_learner()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        using var browser = platform.NewBrowser();
        var account = await Learners.RegisterAsync(browser);
        var eventType = "seq_goto_" + Guid.NewGuid().ToString("N")[..8];

        using var response = await browser.PostAsync("event",
            [new("event_type", eventType), new("event", """{"old": 1, "new": 3}"""), new("page", "/courses/x/courseware/")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        var stored = await platform.Database.SqlAsync(
            "SELECT u.username, t.event FROM edxapp.learner_trackinglog t JOIN edxapp.auth_user u ON u.id = t.user_id " +
            $"WHERE t.event_type = '{eventType}'", timeout.Token);
        Assert.Equal($"{account.Username}\t{{\"old\": 1, \"new\": 3}}", stored.Trim());
    }
}
