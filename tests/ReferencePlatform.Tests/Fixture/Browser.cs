using System.Net;
using System.Text.Json;

namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// One person's browser: its own cookies, no automatic redirects (tests look at them), and
/// Django's CSRF header sent from the csrftoken cookie unless a test leaves it out on purpose.
/// </summary>
public sealed class Browser : IDisposable
{
    readonly CookieContainer _cookies = new();
    readonly HttpClient _http;

    public Browser(Uri baseAddress)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string? CsrfToken => _cookies.GetCookies(_http.BaseAddress!)["csrftoken"]?.Value;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>A GET as the page's script sends it (X-Requested-With: XMLHttpRequest), which Ironwood's discussion views answer in JSON.</summary>
    public Task<HttpResponseMessage> AjaxGetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        return _http.SendAsync(request);
    }

    public async Task<string> PageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, bool withCsrfToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (withCsrfToken && CsrfToken is { } token) request.Headers.Add("X-CSRFToken", token);
        return _http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} with a body that is not JSON: {body}");
        }
    }

    public void Dispose() => _http.Dispose();
}
