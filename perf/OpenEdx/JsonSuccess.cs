using System.Text.Json;

namespace Mooc.Perf.OpenEdx;

/// <summary>Reads Open edX's {"success": true|false} answers.</summary>
internal static class JsonSuccess
{
    public static bool IsTrue(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("success", out var success)
                && success.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
