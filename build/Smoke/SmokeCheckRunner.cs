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
        _ => check.Kind.ToString(),
    };

    public async Task<(bool Passed, string Detail)> AttemptAsync(SmokeCheck check, CancellationToken ct) => check.Kind switch
    {
        SmokeCheckKind.Http => await HttpAsync(check, ct),
        SmokeCheckKind.LearnerLogin => await LearnerLoginAsync(ct),
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
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var email = $"smoke-{id}@example.com";
        var password = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 16);
        SecretMaskingWriter.Register(password);

        using (var registering = new LearnerClient(baseUrl, learnerTransport) { TestRun = testRun })
        {
            var registered = await registering.RegisterAsync(email, $"smoke_{id}", "Smoke Learner", password, ct);
            if (!registered.Ok) return (false, $"registration: {registered.Problem}");
        }
        using var learner = new LearnerClient(baseUrl, learnerTransport);
        var login = await learner.LoginAsync(email, password, ct);
        return login.Ok ? (true, $"registered and logged in as {email}") : (false, $"login: {login.Problem}");
    }

    public static HttpClient CreateHttpClient(SmokeEndpoint endpoint) => new(endpoint.CreateHandler(useCookies: true)) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Shared by the learners of the login check, who keep their own cookies.</summary>
    public static HttpMessageInvoker CreateLearnerTransport(SmokeEndpoint endpoint) => new(endpoint.CreateHandler(useCookies: false));
}
