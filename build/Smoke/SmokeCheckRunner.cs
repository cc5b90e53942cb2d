using System.Net;
using System.Security.Cryptography;
using Mooc.Build;
using Mooc.Perf.OpenEdx;
using Mooc.Platform.Model;

namespace Mooc.Smoke;

/// <summary>One attempt at one check against the public endpoint; says what it saw either way.</summary>
/// <param name="testRun">Marks the learner a check registers as this test run's (null: unmarked).</param>
public sealed class SmokeCheckRunner(SmokeEndpoint endpoint, HttpClient http, HttpMessageInvoker learnerTransport, string? testRun = null)
{
    readonly Uri baseUrl = endpoint.Url;

    public static string Describe(SmokeCheck check) => check.Kind switch
    {
        SmokeCheckKind.Http => $"GET {check.Path} -> {check.ExpectedStatus}" + (check.ExpectedText is { } text ? $", contains '{text}'" : ""),
        SmokeCheckKind.LearnerLogin => "register a fresh learner, log in with it",
        SmokeCheckKind.InlineDiscussion => $"a fresh enrolled learner GETs {check.Path} -> 200, inline view JSON with a thread"
            + (check.ExpectedText is { } title ? $" '{title}'" : ""),
        _ => check.Kind.ToString(),
    };

    public async Task<(bool Passed, string Detail)> AttemptAsync(SmokeCheck check, CancellationToken ct) => check.Kind switch
    {
        SmokeCheckKind.Http => await HttpAsync(check, ct),
        SmokeCheckKind.LearnerLogin => await LearnerLoginAsync(ct),
        SmokeCheckKind.InlineDiscussion => await InlineDiscussionAsync(check, ct),
        _ => (false, $"unknown check kind {check.Kind}"),
    };

    async Task<(bool, string)> HttpAsync(SmokeCheck check, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(baseUrl, check.Path!.TrimStart('/')), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var status = (int)response.StatusCode;
        if (status != check.ExpectedStatus) return (false, $"answered {status}, expected {check.ExpectedStatus}");
        if (check.ExpectedText is { } text && !body.Contains(text, StringComparison.Ordinal))
            return (false, $"answered {status} without '{text}' ({body.Length} bytes)");
        return (true, $"{status}, {body.Length} bytes");
    }

    async Task<(bool, string)> LearnerLoginAsync(CancellationToken ct)
    {
        var (email, username, password) = NewLearner();
        using (var registering = new LearnerClient(baseUrl, learnerTransport) { TestRun = testRun })
        {
            var registered = await registering.RegisterAsync(email, username, "Smoke Learner", password, ct);
            if (!registered.Ok) return (false, $"registration: {registered.Problem}");
        }
        using var learner = new LearnerClient(baseUrl, learnerTransport);
        var login = await learner.LoginAsync(email, password, ct);
        return login.Ok ? (true, $"registered and logged in as {email}") : (false, $"login: {login.Problem}");
    }

    async Task<(bool, string)> InlineDiscussionAsync(SmokeCheck check, CancellationToken ct)
    {
        var parts = check.Path!.Trim('/').Split('/');
        if (parts is not ["courses", var course, "discussion", "forum", var discussion, "inline"])
            return (false, $"'{check.Path}' is not an inline discussion path (/courses/<course>/discussion/forum/<discussion_id>/inline)");
        var (email, username, password) = NewLearner();
        using var learner = new LearnerClient(baseUrl, learnerTransport) { TestRun = testRun };
        var registered = await learner.RegisterAsync(email, username, "Smoke Learner", password, ct);
        if (!registered.Ok) return (false, $"registration: {registered.Problem}");
        var enrolled = await learner.EnrollAsync(course, ct);
        if (!enrolled.Ok) return (false, $"enrollment in {course}: {enrolled.Problem}");
        var inline = await learner.InlineDiscussionAsync(course, discussion, ct);
        if (!inline.Ok) return (false, $"answered {(int)inline.StatusCode}: {inline.Problem}");
        var threads = InlineDiscussion.TryParse(inline.Body)!.ThreadTitles;
        if (threads.Count == 0) return (false, "200 with no thread: the discussion's seeded thread is missing (did the seed step run?)");
        if (check.ExpectedText is { } title && !threads.Contains(title))
            return (false, $"200 without the thread '{title}' (threads: {string.Join(", ", threads.Select(t => $"'{t}'"))})");
        return (true, $"200, {threads.Count} thread(s) on page 1");
    }

    /// <summary>A fresh learner's email, username and password; the password is masked in the build's output.</summary>
    static (string Email, string Username, string Password) NewLearner()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var password = GeneratedSecret.New(GeneratedSecret.Readable, 16);
        return ($"smoke-{id}@example.com", $"smoke_{id}", password);
    }

    public static HttpClient CreateHttpClient(SmokeEndpoint endpoint) => new(endpoint.CreateHandler(useCookies: true)) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Shared by the learners of the login check, who keep their own cookies.</summary>
    public static HttpMessageInvoker CreateLearnerTransport(SmokeEndpoint endpoint) => new(endpoint.CreateHandler(useCookies: false));
}
