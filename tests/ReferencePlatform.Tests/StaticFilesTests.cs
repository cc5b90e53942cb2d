using System.Net;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

[Collection(ReferencePlatformCollection.Name)]
public sealed class StaticFilesTests(ReferenceDeployment platform)
{
    [Theory]
    [InlineData("static/lms.css", "text/css")]
    [InlineData("static/lms.js", "application/javascript")]
    public async Task Nginx_serves_the_apps_static_files_itself(string path, string contentType)
    {
        using var browser = platform.NewBrowser();
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("nginx", response.Headers.Server.ToString());
        Assert.Contains("/" + path, await browser.PageAsync(""));
    }
}
