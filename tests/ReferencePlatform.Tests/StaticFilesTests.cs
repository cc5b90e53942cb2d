using System.Text.RegularExpressions;
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

    /// <summary>The problem's status line ("Correct: 3/3 points.") takes the success colour of a correct mark, not the red of an error.</summary>
    [Fact]
    public async Task A_correct_answers_status_line_is_shown_in_the_success_colour()
    {
        using var browser = platform.NewBrowser();
        var css = await browser.PageAsync("static/lms.css");
        var script = await browser.PageAsync("static/lms.js");

        Assert.Contains("status.classList.toggle(\"success\", correct)", script);
        var success = Colour(css, ".status.success");
        Assert.Equal(Colour(css, ".correct .mark"), success);
        Assert.NotEqual(Colour(css, ".status"), success);
    }

    static string Colour(string css, string selector)
    {
        var match = Regex.Match(css, "^" + Regex.Escape(selector) + @"\s*\{[^}]*?color:\s*(#[0-9a-fA-F]+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"lms.css has no colour for {selector}");
        return match.Groups[1].Value;
    }
}
