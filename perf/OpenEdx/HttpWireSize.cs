using System.Net.Http.Headers;

namespace Mooc.Perf.OpenEdx;

/// <summary>
/// Approximate bytes on the wire of a request or response head (HTTP/1.1 text form), so byte
/// counts compare with JMeter's, which include headers.
/// </summary>
internal static class HttpWireSize
{
    public static long Of(HttpRequestMessage request, long bodyBytes) =>
        request.Method.Method.Length + 1 + (request.RequestUri?.PathAndQuery.Length ?? 1) + 11
        + Headers(request.Headers) + (request.Content is null ? 0 : Headers(request.Content.Headers))
        + 2 + bodyBytes;

    public static long Of(HttpResponseMessage response, long bodyBytes) =>
        17 + (response.ReasonPhrase?.Length ?? 0)
        + Headers(response.Headers) + Headers(response.Content.Headers)
        + 2 + bodyBytes;

    private static long Headers(HttpHeaders headers)
    {
        long total = 0;
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                total += name.Length + 2 + value.Length + 2;
            }
        }
        return total;
    }
}
