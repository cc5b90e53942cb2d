using Mooc.Images.Recipes;

namespace Mooc.Images.Building;

/// <summary>
/// Which recipes to build and in what order: the requested ones plus what they use, dependencies first. The recipes
/// come from <see cref="RecipeLoader.LoadFor"/>, which has refused missing references and circles already.
/// </summary>
static class BuildPlan
{
    public static IReadOnlyList<ImageRecipe> Order(IReadOnlyList<ImageRecipe> all, IReadOnlyList<string>? requested, string imageNamespace)
    {
        var byName = all.ToDictionary(r => r.Name);
        var ordered = new List<ImageRecipe>();
        var placed = new HashSet<string>();
        void Place(string name)
        {
            if (!placed.Add(name)) return;
            foreach (var dependency in byName[name].Dependencies(imageNamespace)) Place(dependency);
            ordered.Add(byName[name]);
        }
        foreach (var name in requested is { Count: > 0 } ? requested : all.Select(r => r.Name)) Place(name);
        return ordered;
    }
}
