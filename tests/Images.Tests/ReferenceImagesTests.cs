using System.Net;
using Mooc.Build;

namespace Images.Tests;

/// <summary>memcached, nginx and lms from the reference recipes do what the platform's contracts say.</summary>
public sealed class ReferenceImagesTests(ReferenceImagesFixture reference) : IClassFixture<ReferenceImagesFixture>
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Memcached_answers_on_11211_as_a_non_root_user()
    {
        var network = await reference.NetworkAsync();
        var (container, _) = await reference.StartAsync("memcached", network, "memcached");

        var (exitCode, output) = await DockerProbe.ExecAsync(reference.Docker, container, "bash", "-c",
            "for i in $(seq 50); do exec 3<>/dev/tcp/127.0.0.1/11211 && break; sleep 0.2; done; printf 'version\\r\\n' >&3; head -1 <&3");

        Assert.True(exitCode == 0, output);
        Assert.StartsWith("VERSION 1.", output.Trim());
        Assert.NotEqual("0", await reference.MainProcessUidAsync(container));
    }

    [Fact]
    public async Task Nginx_serves_the_lms_static_files_and_proxies_the_rest_to_LMS_UPSTREAM_as_non_root()
    {
        var network = await reference.NetworkAsync();
        var (lms, _) = await reference.StartAsync("lms", network, "lms-under-test", "LMS_DB_HOST=no-database-here", "LMS_SECRET_KEY=test-secret-key-not-used", "LMS_FORUM_API_KEY=test-forum-key-not-used");
        var (nginx, address) = await reference.StartAsync("nginx", network, "nginx", "LMS_UPSTREAM=lms-under-test:8000");

        var css = await WaitForAsync($"http://{address}:8080/static/lms.css", r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "images/lms/app/static/lms.css")), await css.Content.ReadAsStringAsync());

        // Any answer but nginx's own 502/504 means gunicorn answered through the proxy (503: no database here).
        var heartbeat = await WaitForAsync($"http://{address}:8080/heartbeat", r => r.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout));
        Assert.Contains(heartbeat.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });

        Assert.NotEqual("0", await reference.MainProcessUidAsync(nginx));
        Assert.NotEqual("0", await reference.MainProcessUidAsync(lms));
    }

    [Fact]
    public async Task The_lms_image_runs_serve_on_8000_as_the_lms_user()
    {
        var config = (await reference.Docker.Images.InspectImageAsync(reference.Images["lms"].Reference)).Config;

        Assert.Equal(["/opt/lms/bin/serve"], config.Cmd);
        Assert.Contains("8000/tcp", config.ExposedPorts.Keys);
        Assert.Equal("lms", config.User);
    }

    static async Task<HttpResponseMessage> WaitForAsync(string url, Func<HttpResponseMessage, bool> done)
    {
        var wait = new Wait($"{url} to answer as expected", TimeSpan.FromSeconds(90)) { Interval = TimeSpan.FromSeconds(1) };
        return await wait.UntilAsync<HttpResponseMessage>(async _ =>
        {
            try
            {
                var response = await Http.GetAsync(url);
                if (done(response)) return Seen.Done(response);
                response.Dispose();
                return Seen.NotYet($"answered {(int)response.StatusCode}");
            }
            // A request the client timed out (a worker still starting) is one more look, not the end.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return Seen.NotYet($"{e.GetType().Name}: {e.Message}");
            }
        }, CancellationToken.None);
    }
}
