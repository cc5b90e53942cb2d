using System.Net;
using Mooc.Build;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

[Collection(ReferencePlatformCollection.Name)]
public sealed class HeartbeatTests(ReferenceDeployment platform)
{
    const string Healthy = """{"sql": {"status": true, "message": "OK"}, "cache": {"status": true, "message": "OK"}}""";

    [Fact]
    public async Task Heartbeat_answers_503_naming_the_database_while_it_is_stopped_and_200_once_it_is_back()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        using var browser = platform.NewBrowser();
        await HealthyEverywhereAsync(browser, "before mysql is stopped", timeout.Token);

        await platform.Containers.StopAsync("mysql", timeout.Token);
        try
        {
            var (status, body) = await HeartbeatAsync(browser);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("\"sql\": {\"status\": false", body);
            Assert.Contains("\"cache\": {\"status\": true", body);
        }
        finally
        {
            await platform.Containers.StartAsync("mysql", timeout.Token);
        }

        Assert.Equal((HttpStatusCode.OK, Healthy), await HeartbeatAsync(browser));
    }

    [Fact]
    public async Task Heartbeat_answers_503_naming_the_cache_while_memcached_is_stopped_learners_still_log_in_and_200_once_it_is_back()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        using var browser = platform.NewBrowser();
        await HealthyEverywhereAsync(browser, "before memcached is stopped", timeout.Token);

        await platform.Containers.StopAsync("memcached", timeout.Token);
        try
        {
            var (status, body) = await HeartbeatAsync(browser);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("\"sql\": {\"status\": true", body);
            Assert.Contains("\"cache\": {\"status\": false", body);

            // Sessions are kept in the database too: a cache outage neither fails a login nor signs anyone out.
            using var learner = platform.NewBrowser();
            var account = await Learners.RegisterAsync(learner);
            Assert.Contains(account.Username, await learner.PageAsync("dashboard"));
        }
        finally
        {
            await platform.Containers.StartAsync("memcached", timeout.Token);
        }

        await HealthyEverywhereAsync(browser, "once memcached is back", timeout.Token);
    }

    /// <summary>
    /// Waits until the heartbeat answers healthy several times in a row. Each gunicorn worker of each replica marks a
    /// failed memcached dead for a few seconds before trying it again, so one healthy answer (one worker's) does not
    /// say that the next request, served by another worker, finds the platform whole; an earlier test may have just
    /// stopped a service.
    /// </summary>
    static async Task HealthyEverywhereAsync(Browser browser, string when, CancellationToken ct)
    {
        var inARow = 0;
        var healthy = new Wait($"the heartbeat to answer 200 {ConsecutiveHealthy} times in a row {when}", ReferenceDeployment.TestDeadline) { Interval = TimeSpan.FromMilliseconds(100) };
        await healthy.UntilAsync<bool>(async _ =>
        {
            var (status, answer) = await HeartbeatAsync(browser);
            inARow = status == HttpStatusCode.OK && answer == Healthy ? inARow + 1 : 0;
            return inARow >= ConsecutiveHealthy ? Seen.Done(true) : Seen.NotYet($"{(int)status}: {answer}");
        }, ct);
    }

    const int ConsecutiveHealthy = 8;

    static async Task<(HttpStatusCode Status, string Body)> HeartbeatAsync(Browser browser)
    {
        using var response = await browser.GetAsync("heartbeat");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
