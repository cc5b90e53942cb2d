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
        Assert.Equal((HttpStatusCode.OK, Healthy), await HeartbeatAsync(browser));

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

        // Each gunicorn worker marks a failed memcached dead for a few seconds before trying it
        // again: wait (within the test's timeout) for a healthy answer rather than expect the first.
        var healthy = new Wait("the heartbeat to answer 200 once memcached is back", ReferenceDeployment.TestDeadline);
        var healthyBody = await healthy.UntilAsync<string>(async _ =>
        {
            var (status, answer) = await HeartbeatAsync(browser);
            return status == HttpStatusCode.OK ? Seen.Done(answer) : Seen.NotYet($"{(int)status}: {answer}");
        }, timeout.Token);
        Assert.Equal(Healthy, healthyBody);
    }

    static async Task<(HttpStatusCode Status, string Body)> HeartbeatAsync(Browser browser)
    {
        using var response = await browser.GetAsync("heartbeat");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
