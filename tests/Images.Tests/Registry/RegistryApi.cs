using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Images.Tests.Registry;

/// <summary>The registry's own HTTP API (v2), to see what it holds without going through the Docker engine.</summary>
sealed class RegistryApi(string address, string? user = null, string? password = null) : IDisposable
{
    const string ManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";
    readonly HttpClient _http = Client(user, password);

    public async Task<IReadOnlyList<string>> TagsAsync(string repository)
    {
        using var response = await _http.GetAsync($"http://{address}/v2/{repository}/tags/list");
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("tags") is { ValueKind: JsonValueKind.Array } tags ? tags.EnumerateArray().Select(t => t.GetString()!).ToList() : [];
    }

    /// <summary>The digest the registry gives the tag's manifest (HEAD), or null when it has no such manifest.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{address}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestV2));
        using var response = await _http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>The layers and config the tag's manifest names, each with whether the registry holds that blob.</summary>
    public async Task<IReadOnlyList<(string Digest, bool Stored)>> BlobsAsync(string repository, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{address}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestV2));
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var digests = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!)
            .Prepend(manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
        var blobs = new List<(string, bool)>();
        foreach (var digest in digests)
        {
            using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"http://{address}/v2/{repository}/blobs/{digest}"));
            blobs.Add((digest, head.StatusCode == HttpStatusCode.OK));
        }
        return blobs;
    }

    static HttpClient Client(string? user, string? password)
    {
        var http = new HttpClient();
        if (user is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    public void Dispose() => _http.Dispose();
}
