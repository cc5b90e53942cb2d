using System.Text.Json;
using Docker.DotNet;

namespace Mooc.Images.Building;

static class DockerErrors
{
    /// <summary>The engine's own message ("dial tcp ...: connection refused"), not the HTTP wrapper around it.</summary>
    public static string Reason(DockerApiException e)
    {
        try
        {
            using var body = JsonDocument.Parse(e.ResponseBody);
            if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text) return text;
        }
        catch (JsonException)
        {
        }
        return string.IsNullOrWhiteSpace(e.ResponseBody) ? $"{(int)e.StatusCode} {e.StatusCode}" : e.ResponseBody.Trim();
    }
}
