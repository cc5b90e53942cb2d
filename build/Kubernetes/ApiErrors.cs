using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Mooc.Kubernetes;

/// <summary>
/// What the API server said when it refused a call: its status code and its own message (the
/// V1Status it sends back), which the client's exception text ("Operation returned an invalid
/// status code") leaves out.
/// </summary>
public static class ApiErrors
{
    public static bool Is(this HttpOperationException e, HttpStatusCode status) => e.Response?.StatusCode == status;

    /// <summary>The server's message, else the response body, else the client's text.</summary>
    public static string Message(this HttpOperationException e)
    {
        if (e.Body is V1Status { Message: { Length: > 0 } fromBody }) return fromBody;
        var content = e.Response?.Content;
        if (string.IsNullOrWhiteSpace(content)) return e.Message;
        return StatusIn(content)?.Message is { Length: > 0 } message ? message : content;
    }

    /// <summary>The V1Status a refusal's body carries, or null when the body is something else.</summary>
    public static V1Status? StatusIn(string body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Status>(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
