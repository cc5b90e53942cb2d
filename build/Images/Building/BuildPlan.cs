using Mooc.Images.Recipes;

namespace Mooc.Images.Building;

/// <summary>Which recipes to build and in what order: the requested ones plus what they use, dependencies first, cycles refused.</summary>
static class BuildPlan
{
    public static IReadOnlyList<ImageRecipe> Order(IReadOnlyList<ImageRecipe> all, IReadOnlyList<string>? requested, string imageNamespace)
    {
        var byName = all.ToDictionary(r => r.Name);
        foreach (var name in requested ?? [])
            if (!byName.ContainsKey(name))
                throw new InvalidOperationException($"No recipe '{name}' under images/. Known recipes: {string.Join(", ", byName.Keys.Order())}.");
        foreach (var recipe in all)
            if (recipe.BaseRecipe(imageNamespace) is { } baseRecipe && !byName.ContainsKey(baseRecipe))
                throw new InvalidOperationException($"{recipe.RecipeFile}: from: '{recipe.From}' names recipe '{baseRecipe}', which is not under images/.");

        var ordered = new List<ImageRecipe>();
        var state = new Dictionary<string, bool>(); // false: being visited, true: done
        void Visit(string name, Stack<string> path)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done) throw new InvalidOperationException($"Recipes depend on each other in a circle: {string.Join(" -> ", path.Reverse().Append(name))}. Break the circle in one of these image.yaml files.");
                return;
            }
            state[name] = false;
            path.Push(name);
            foreach (var dependency in byName[name].Dependencies(imageNamespace)) Visit(dependency, path);
            path.Pop();
            state[name] = true;
            ordered.Add(byName[name]);
        }
        foreach (var name in requested is { Count: > 0 } ? requested : all.Select(r => r.Name)) Visit(name, new Stack<string>());
        return ordered;
    }
}
