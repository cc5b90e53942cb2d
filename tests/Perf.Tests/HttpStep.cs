using Mooc.Perf.Engine;

namespace Mooc.Perf.Tests;

/// <summary>A GET as a step response, with the body optionally checked, as a scenario would write it.</summary>
internal static class HttpStep
{
    /// <summary>A scenario of one step that GETs <paramref name="path"/>; the caller adds the load.</summary>
    public static Scenario OneGetScenario(string name, string step, HttpClient client, string path) =>
        Scenario.Create(name, async ctx =>
        {
            await Step.Run(step, ctx, () => GetAsync(client, path, ctx.CancellationToken));
            return Response.Ok();
        });

    public static async Task<Response> GetAsync(HttpClient client, string path, CancellationToken ct, string? expectBody = null)
    {
        using var response = await client.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            return Response.Fail((int)response.StatusCode, $"GET {path}", body.Length);
        }
        return expectBody is not null && body != expectBody
            ? Response.Fail((int)response.StatusCode, $"GET {path}: body '{body}' is not '{expectBody}'", body.Length)
            : Response.Ok((int)response.StatusCode, body.Length);
    }
}
