using System.Net;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>Uptime monitors ask with HEAD: every page a GET shows answers HEAD the same way, without a body.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class HeadRequestTests(ReferenceDeployment platform)
{
    [Theory]
    [InlineData("")]
    [InlineData("courses")]
    [InlineData("register")]
    [InlineData("login")]
    [InlineData("courses/course-v1:edX+DemoX+Demo_Course/about")]
    public async Task HEAD_on_a_page_answers_200_with_the_pages_headers_and_no_body(string path)
    {
        using var http = new HttpClient { BaseAddress = platform.BaseAddress };
        using var get = await http.GetAsync(path);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_on_logout_signs_nobody_out()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.BaseAddress };
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "logout"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
    }
}
