using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Images;

namespace Images.Tests.Registry;

/// <summary>Tiny recipes for the registry tests, and the removal of every image they made, pushed names and pulls included.</summary>
sealed class RegistryTestImages : IAsyncDisposable
{
    readonly TestRepository _repository = new();
    readonly List<string> _recipes = [];
    readonly List<string> _references = [];

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A recipe whose image prints "made by &lt;name&gt;", built on <paramref name="from"/>.</summary>
    public string Recipe(string prefix, string from = "debian:bookworm")
    {
        var name = Unique(prefix);
        _recipes.Add(name);
        _repository.Write($"images/{name}/image.yaml", $$"""
            from: {{from}}
            steps:
              - name: leave a mark
                run: mkdir -p /opt/rg && echo "made by {{name}}" > /opt/rg/mark
            commit:
              cmd: ["cat", "/opt/rg/mark"]
            """);
        return name;
    }

    public ImageBuildRequest Request(string recipe) => _repository.Request(recipe);

    /// <summary>Removes this reference (an image pulled or tagged by the test) at the end.</summary>
    public void Remember(string reference) => _references.Add(reference);

    public async ValueTask DisposeAsync()
    {
        _repository.Dispose();
        using var docker = await DockerProbe.ClientAsync();
        foreach (var reference in _references)
            await DeleteAsync(docker, reference);
        // By label: the recipe's image under its local and its pushed names; the last made first, as one may build on another.
        foreach (var recipe in Enumerable.Reverse(_recipes))
        {
            var images = await docker.Images.ListImagesAsync(new ImagesListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"org.mooc.recipe={recipe}"] = true } },
            });
            foreach (var image in images) await DeleteAsync(docker, image.ID);
        }
    }

    static async Task DeleteAsync(DockerClient docker, string image)
    {
        try { await docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }); }
        catch (DockerApiException) { }
    }
}
