using System.Xml.Linq;
using Mooc.Build;

namespace Engine.Tests;

[Collection("console")]
public class PlanWriterTests
{
    [Fact]
    public async Task The_plan_page_draws_every_target_and_relation_as_inline_svg_and_references_nothing_online()
    {
        var root = ConsoleCapture.TempRoot();
        var (exitCode, _) = await ConsoleCapture.RunInAsync(root, new PipelineLikeBuild(), "Deploy", "--plan", "--skip", "Manifests");
        Assert.Equal(0, exitCode);
        var html = await File.ReadAllTextAsync(Path.Combine(root, ".nuke", "temp", "plan.html"));

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        var svg = XElement.Parse(html[html.IndexOf("<svg", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)]);

        var nodes = svg.Descendants("g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("target") == true)
            .ToDictionary(g => (string)g.Attribute("data-target")!, g => (string)g.Attribute("class")!);
        Assert.Equal(
            ["Deploy", "Down", "Images", "Leak", "LeakFromProcess", "LoadTest", "Manifests", "Migrate", "Publish", "Rebuild", "SmokeTest"],
            nodes.Keys.Order());
        Assert.Equal("target run", nodes["Images"]);
        Assert.Equal("target skipped", nodes["Manifests"]);
        Assert.Equal("target not-planned", nodes["LoadTest"]);

        var edges = svg.Descendants("path").Where(p => ((string?)p.Attribute("class"))?.StartsWith("edge") == true)
            .Select(p => $"{p.Attribute("data-from")!.Value} {((string)p.Attribute("class")!)[5..]} {p.Attribute("data-to")!.Value}")
            .Order();
        Assert.Equal(
        [
            "Deploy After Migrate", "Deploy DependsOn LoadTest", "Deploy Triggers Migrate", "Deploy Triggers SmokeTest",
            "Down Before Images", "Images DependsOn Deploy", "Manifests DependsOn Deploy", "Migrate After SmokeTest", "SmokeTest After LoadTest",
        ], edges);
    }

    [Fact]
    public async Task Targets_run_left_to_right_in_the_picture_and_are_numbered_in_plan_order()
    {
        var root = ConsoleCapture.TempRoot();
        await ConsoleCapture.RunInAsync(root, new PipelineLikeBuild(), "Deploy", "--plan");
        var html = await File.ReadAllTextAsync(Path.Combine(root, ".nuke", "temp", "plan.html"));
        var svg = XElement.Parse(html[html.IndexOf("<svg", StringComparison.Ordinal)..(html.IndexOf("</svg>", StringComparison.Ordinal) + 6)]);
        var nodes = svg.Descendants("g").Where(g => g.Attribute("data-target") is not null).ToDictionary(
            g => (string)g.Attribute("data-target")!,
            g => (X: double.Parse((string)g.Element("rect")!.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture), Label: g.Element("text")!.Value));

        foreach (var (earlier, later) in new[] { ("Images", "Deploy"), ("Deploy", "Migrate"), ("Migrate", "SmokeTest"), ("Down", "Images") })
            Assert.True(nodes[earlier].X < nodes[later].X, $"{earlier} should be drawn left of {later}");
        Assert.Equal("1. Images", nodes["Images"].Label);
        Assert.Equal("5. SmokeTest", nodes["SmokeTest"].Label);
        Assert.Equal("Publish", nodes["Publish"].Label);
    }
}
