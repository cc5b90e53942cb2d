using System.Text.Json;

namespace Mooc.Perf.OpenEdx;

/// <summary>A page of a unit's inline discussion, as Ironwood's inline view returns it: the threads' titles and the paging.</summary>
public sealed record InlineDiscussion(IReadOnlyList<string> ThreadTitles, int Page, int NumPages)
{
    /// <summary>Reads the inline view's JSON (discussion_data, page, num_pages); null when the body is not that JSON.</summary>
    public static InlineDiscussion? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("discussion_data", out var threads) || threads.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("page", out var page) || page.ValueKind != JsonValueKind.Number
                || !root.TryGetProperty("num_pages", out var pages) || pages.ValueKind != JsonValueKind.Number)
            {
                return null;
            }
            var titles = threads.EnumerateArray()
                .Select(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "")
                .ToList();
            return new InlineDiscussion(titles, page.GetInt32(), pages.GetInt32());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
