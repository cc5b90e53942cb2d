using System.Net;
using System.Text;

namespace Mooc.Perf.OpenEdx;

/// <summary>
/// One learner of an Open edX site (Ironwood) or the reference platform: its own cookies and
/// CSRF token over a transport that may be shared by many learners. Speaks the learner flow of
/// the report's load test: pages, registration, login, enrollment, problem_check, events and the inline discussion.
/// HTTP answers that the flow cannot continue from come back with <see cref="LearnerResponse.Problem"/>
/// set; transport failures throw (<see cref="TimeoutException"/>, <see cref="HttpRequestException"/>).
/// </summary>
public sealed class LearnerClient : IDisposable
{
    private const int MaxRedirects = 5;

    /// <summary>The header that marks the accounts a test run registers, so the platform can remove them after it.</summary>
    public const string TestRunHeader = "X-Test-Run";

    private readonly Uri _baseUrl;
    private readonly HttpMessageInvoker _transport;
    private readonly bool _ownsTransport;
    private readonly TimeSpan _timeout;
    private readonly CookieContainer _cookies = new();

    /// <param name="baseUrl">Site root, e.g. http://127.0.0.1:8080/.</param>
    /// <param name="transport">Shared transport from <see cref="CreateTransport"/>; null makes a private one.</param>
    /// <param name="timeout">Per request, redirects included; default 60 s.</param>
    public LearnerClient(Uri baseUrl, HttpMessageInvoker? transport = null, TimeSpan? timeout = null)
    {
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _ownsTransport = transport is null;
        _transport = transport ?? CreateTransport();
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>
    /// A transport many learners can share: cookies and redirects are handled per learner by
    /// <see cref="LearnerClient"/>, so the handler must do neither.
    /// </summary>
    public static HttpMessageInvoker CreateTransport(int maxConnectionsPerServer = int.MaxValue) =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
        });

    public Uri BaseUrl => _baseUrl;

    /// <summary>The test run this learner belongs to, sent as <see cref="TestRunHeader"/>; null: a real learner's requests.</summary>
    public string? TestRun { get; init; }

    /// <summary>The csrftoken cookie Django set, or null before any page was fetched.</summary>
    public string? CsrfToken => _cookies.GetCookies(_baseUrl)["csrftoken"]?.Value;

    /// <summary>
    /// GET a page, following redirects unless told not to; a problem unless it ends in 2xx (or,
    /// not following, a redirect), and unless it holds <paramref name="mustContain"/>.
    /// </summary>
    public async Task<LearnerResponse> GetPageAsync(string path, CancellationToken ct, string? mustContain = null, bool followRedirects = true)
    {
        var response = await SendAsync(HttpMethod.Get, path, form: null, ajax: false, ct, followRedirects);
        if (!followRedirects && IsRedirect(response.StatusCode))
        {
            return response;
        }
        if (!IsSuccess(response.StatusCode))
        {
            return response.WithProblem("expected 2xx");
        }
        if (mustContain is not null && !response.Body.Contains(mustContain, StringComparison.Ordinal))
        {
            return response.WithProblem($"the page does not contain '{mustContain}'");
        }
        return response;
    }

    /// <summary>POST /user_api/v1/account/registration/; ok when 200 with {"success": true} (the learner is then logged in).</summary>
    public async Task<LearnerResponse> RegisterAsync(string email, string username, string name, string password, CancellationToken ct)
    {
        await EnsureCsrfTokenAsync(ct);
        var response = await SendAsync(HttpMethod.Post, "user_api/v1/account/registration/",
        [
            new("email", email),
            new("name", name),
            new("username", username),
            new("password", password),
            new("honor_code", "true"),
            new("terms_of_service", "true"),
        ], ajax: true, ct);
        return RequireJsonSuccess(response);
    }

    /// <summary>POST /login_ajax with the CSRF token; ok when 200 with {"success": true}.</summary>
    public async Task<LearnerResponse> LoginAsync(string email, string password, CancellationToken ct)
    {
        await EnsureCsrfTokenAsync(ct);
        var response = await SendAsync(HttpMethod.Post, "login_ajax",
        [
            new("email", email),
            new("password", password),
            new("remember", "false"),
        ], ajax: true, ct);
        return RequireJsonSuccess(response);
    }

    /// <summary>POST /change_enrollment (enroll); ok when 200.</summary>
    public async Task<LearnerResponse> EnrollAsync(string courseId, CancellationToken ct)
    {
        await EnsureCsrfTokenAsync(ct);
        var response = await SendAsync(HttpMethod.Post, "change_enrollment",
        [
            new("course_id", courseId),
            new("enrollment_action", "enroll"),
        ], ajax: true, ct);
        return IsSuccess(response.StatusCode) ? response : response.WithProblem("expected 200");
    }

    /// <summary>
    /// POST the answers to the problem's problem_check handler; ok when 200 with the graded JSON
    /// (read it with <see cref="ProblemCheckResult.TryParse"/>; the score is the caller's to judge).
    /// </summary>
    public async Task<LearnerResponse> ProblemCheckAsync(string courseId, string problemUsageId,
        IEnumerable<KeyValuePair<string, string>> answers, CancellationToken ct)
    {
        await EnsureCsrfTokenAsync(ct);
        var path = $"courses/{courseId}/xblock/{problemUsageId}/handler/xmodule_handler/problem_check";
        var response = await SendAsync(HttpMethod.Post, path, answers.ToList(), ajax: true, ct);
        if (!IsSuccess(response.StatusCode))
        {
            return response.WithProblem("expected 200");
        }
        return ProblemCheckResult.TryParse(response.Body) is null
            ? response.WithProblem("the body is not problem_check JSON (current_score, total_possible)")
            : response;
    }

    /// <summary>
    /// GET a unit's inline discussion as the courseware page's script does (an XMLHttpRequest); ok when 200 with the
    /// inline view's JSON (read it with <see cref="InlineDiscussion.TryParse"/>).
    /// </summary>
    public async Task<LearnerResponse> InlineDiscussionAsync(string courseId, string discussionId, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Get, DemoCourse.InlineDiscussionPath(courseId, discussionId), form: null, ajax: true, ct, followRedirects: false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response.WithProblem($"expected 200; body: {Shorten(response.Body)}");
        }
        return InlineDiscussion.TryParse(response.Body) is null
            ? response.WithProblem($"the body is not the inline view's JSON (discussion_data, page, num_pages): {Shorten(response.Body)}")
            : response;
    }

    /// <summary>POST /event (a tracking log event, as the browser sends them); ok when 200.</summary>
    public async Task<LearnerResponse> SendEventAsync(string eventType, string eventJson, string page, CancellationToken ct)
    {
        await EnsureCsrfTokenAsync(ct);
        var response = await SendAsync(HttpMethod.Post, "event",
        [
            new("event_type", eventType),
            new("event", eventJson),
            new("page", page),
        ], ajax: true, ct);
        return IsSuccess(response.StatusCode) ? response : response.WithProblem("expected 200");
    }

    public void Dispose()
    {
        if (_ownsTransport)
        {
            _transport.Dispose();
        }
    }

    // A POST without the csrftoken cookie is refused by Django; a browser always has it from an
    // earlier page, so fetch the login page once when a caller posts first.
    private async Task EnsureCsrfTokenAsync(CancellationToken ct)
    {
        if (CsrfToken is null)
        {
            await SendAsync(HttpMethod.Get, "login", form: null, ajax: false, ct);
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static LearnerResponse RequireJsonSuccess(LearnerResponse response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response.WithProblem($"expected 200; body: {Shorten(response.Body)}");
        }
        return JsonSuccess.IsTrue(response.Body)
            ? response
            : response.WithProblem($"expected {{\"success\": true}}; body: {Shorten(response.Body)}");
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "...";

    private async Task<LearnerResponse> SendAsync(HttpMethod method, string path,
        IReadOnlyList<KeyValuePair<string, string>>? form, bool ajax, CancellationToken ct, bool followRedirects = true)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        var uri = new Uri(_baseUrl, path);
        long sent = 0, received = 0;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = BuildRequest(method, uri, form, ajax, out var bodyBytes);
                sent += HttpWireSize.Of(request, bodyBytes);
                using var response = await _transport.SendAsync(request, deadline.Token);
                var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
                received += HttpWireSize.Of(response, body.Length);
                StoreCookies(uri, response);
                var location = response.Headers.Location;
                if (followRedirects && method == HttpMethod.Get && IsRedirect(response.StatusCode) && location is not null && redirects < MaxRedirects)
                {
                    uri = new Uri(uri, location);
                    continue;
                }
                return new LearnerResponse(method.Method, "/" + path, response.StatusCode,
                    Encoding.UTF8.GetString(body), uri.PathAndQuery, sent, received, Problem: null);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} /{path} got no answer within {_timeout.TotalSeconds:0.#} s");
        }
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, Uri uri,
        IReadOnlyList<KeyValuePair<string, string>>? form, bool ajax, out long bodyBytes)
    {
        var request = new HttpRequestMessage(method, uri);
        if (TestRun is { } run)
        {
            request.Headers.TryAddWithoutValidation(TestRunHeader, run);
        }
        var cookieHeader = _cookies.GetCookieHeader(uri);
        if (cookieHeader.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookieHeader);
        }
        bodyBytes = 0;
        if (form is not null)
        {
            var encoded = FormBody(form);
            bodyBytes = encoded.Length;
            request.Content = new ByteArrayContent(encoded);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            // Django checks the Referer of HTTPS posts against the host; harmless over HTTP.
            request.Headers.Referrer = _baseUrl;
            if (CsrfToken is { } token)
            {
                request.Headers.TryAddWithoutValidation("X-CSRFToken", token);
            }
        }
        if (ajax)
        {
            request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
        }
        return request;
    }

    private static byte[] FormBody(IReadOnlyList<KeyValuePair<string, string>> form) =>
        Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));

    private void StoreCookies(Uri uri, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }
        foreach (var value in values)
        {
            try
            {
                _cookies.SetCookies(uri, value);
            }
            catch (CookieException)
            {
                // A cookie .NET cannot parse is one a learner's browser would also drop; the flow
                // only needs csrftoken and sessionid.
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
