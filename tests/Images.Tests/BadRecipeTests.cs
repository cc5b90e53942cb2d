using Mooc.Images.Recipes;
using Mooc.Tests;

namespace Images.Tests;

/// <summary>
/// The corpus of bad recipes in BadRecipes/: each, installed as images/broken/image.yaml beside a recipe 'base' and a
/// recipe 'a-loop' built on 'broken', is rejected with the error its first line expects, at the line and column at
/// fault, naming the field, without .NET or YAML-library text.
/// </summary>
public sealed class BadRecipeTests : IDisposable
{
    readonly TestRepository _repository = new();

    public static TheoryData<string> Files => BadInput.In("BadRecipes");

    [Theory]
    [MemberData(nameof(Files))]
    public void A_bad_recipe_is_rejected_at_the_line_at_fault(string file)
    {
        var expected = BadInput.Read(Path.Combine(AppContext.BaseDirectory, "BadRecipes", file));
        _repository.Write("images/base/image.yaml", "from: debian:bookworm\n");
        _repository.Write("images/a-loop/image.yaml", "from: mooc/broken\n");
        _repository.Write("secrets.txt", "never baked");
        _repository.Write("images/broken/image.yaml", File.ReadAllText(expected.Path));

        var error = Assert.Throws<RecipeException>(() => RecipeLoader.LoadFor(_repository.Root, ["broken"], "mooc"));

        var match = error.Errors.FirstOrDefault(e => $"{e.Line}:{e.Column}" == expected.Location && e.Field == expected.Field && e.Message.Contains(expected.Fragment));
        Assert.True(match is not null, $"expected {expected.Location} {expected.Field} :: {expected.Fragment}\ngot:\n{error.Message}");
        Assert.StartsWith($"{Path.Combine("images", "broken", "image.yaml")}:{expected.Location}: {expected.Field}: ", match.ToString());
        NoInternals.Assert(error.Message);
    }

    [Fact]
    public void The_corpus_is_large_enough_to_mean_something() => Assert.True(Files.Count >= 20, $"{Files.Count} bad recipes");

    public void Dispose() => _repository.Dispose();
}
