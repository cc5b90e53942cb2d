using Mooc.Platform.Loading;

namespace Mooc.Images.Recipes;

/// <summary>
/// Reads images/&lt;name&gt;/image.yaml files into <see cref="ImageRecipe"/>s and rejects what cannot work, naming file,
/// line, column and field: each file on its own (<see cref="RecipeReader"/>), then the references between them
/// (a service or base recipe that does not exist, a recipe built on itself, recipes built on each other in a circle).
/// A file source that starts with "images/", "provision/" or "courses/" is relative to the repository root (so nginx
/// can bake images/lms/app/static); any other source is relative to the recipe's own folder. Sources must stay inside
/// images/, provision/ or courses/.
/// </summary>
public static class RecipeLoader
{
    public const string RecipeFileName = "image.yaml";

    /// <summary>
    /// The named recipes (all when null or empty) and every recipe they use as a service or base
    /// (<paramref name="imageNamespace"/>/&lt;recipe&gt;), each checked, or a <see cref="RecipeException"/> with every error.
    /// </summary>
    public static IReadOnlyList<ImageRecipe> LoadFor(string repositoryRoot, IReadOnlyList<string>? names, string imageNamespace)
    {
        var known = Known(repositoryRoot);
        var errors = new List<PlatformError>();
        foreach (var missing in (names ?? []).Where(n => !known.Contains(n)))
            errors.Add(new PlatformError(Path.Combine("images", missing, RecipeFileName), 1, 1, "(recipe)", $"no recipe '{missing}' under images/; recipes: {string.Join(", ", known)}"));

        var readers = new Dictionary<string, RecipeReader>(StringComparer.Ordinal);
        var recipes = new Dictionary<string, ImageRecipe>(StringComparer.Ordinal);
        var pending = new Queue<string>(names is { Count: > 0 } ? names.Where(known.Contains) : known);
        while (pending.TryDequeue(out var name))
        {
            if (readers.ContainsKey(name)) continue;
            var reader = readers[name] = new RecipeReader(Path.Combine(repositoryRoot, "images", name, RecipeFileName), repositoryRoot);
            if (reader.Read() is not { } recipe) continue;
            recipes[name] = recipe;
            foreach (var dependency in recipe.Dependencies(imageNamespace).Where(known.Contains)) pending.Enqueue(dependency);
        }

        foreach (var recipe in recipes.Values) CheckReferences(recipe, readers[recipe.Name].Reader, known, imageNamespace);
        CheckCycles(recipes, readers, imageNamespace);
        errors.AddRange(readers.Values.SelectMany(r => r.Reader.Errors));
        if (errors.Count > 0) throw new RecipeException(errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList());
        return recipes.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>One recipe file on its own (its references to other recipes are not followed).</summary>
    public static ImageRecipe Load(string recipeFile, string repositoryRoot)
    {
        var reader = new RecipeReader(recipeFile, repositoryRoot);
        return reader.Read() ?? throw new RecipeException(reader.Reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
    }

    static SortedSet<string> Known(string repositoryRoot)
    {
        var images = Path.Combine(repositoryRoot, "images");
        return new SortedSet<string>(Directory.Exists(images)
            ? Directory.GetDirectories(images).Where(d => File.Exists(Path.Combine(d, RecipeFileName))).Select(d => Path.GetFileName(d))
            : [], StringComparer.Ordinal);
    }

    static void CheckReferences(ImageRecipe recipe, YamlNodeReader reader, SortedSet<string> known, string imageNamespace)
    {
        for (var i = 0; i < recipe.Services.Count; i++)
            if (!known.Contains(recipe.Services[i].Recipe))
                reader.ErrorAt($"services[{i}].recipe", $"no recipe '{recipe.Services[i].Recipe}' under images/; recipes: {string.Join(", ", known)}");
        if (recipe.BaseRecipe(imageNamespace) is not { } baseRecipe) return;
        if (baseRecipe == recipe.Name)
            reader.ErrorAt("from", $"'{recipe.From}' is this recipe's own image; a recipe cannot be built on itself: name another base, e.g. debian:bookworm");
        else if (!known.Contains(baseRecipe))
            reader.ErrorAt("from", $"'{recipe.From}' names recipe '{baseRecipe}', which is not under images/; recipes: {string.Join(", ", known)}");
    }

    /// <summary>Recipes built on (or using) each other in a circle can never be built: report the edge that closes it.</summary>
    static void CheckCycles(IReadOnlyDictionary<string, ImageRecipe> recipes, IReadOnlyDictionary<string, RecipeReader> readers, string imageNamespace)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();

        void Visit(string name)
        {
            state[name] = false;
            path.Add(name);
            var recipe = recipes[name];
            foreach (var dependency in recipe.Dependencies(imageNamespace).Where(d => d != name && recipes.ContainsKey(d)))
            {
                if (state.TryGetValue(dependency, out var done))
                {
                    if (!done)
                    {
                        var cycle = string.Join(" -> ", path.SkipWhile(p => p != dependency).Append(dependency));
                        var field = recipe.BaseRecipe(imageNamespace) == dependency ? "from" : $"services[{recipe.Services.ToList().FindIndex(s => s.Recipe == dependency)}].recipe";
                        readers[name].Reader.ErrorAt(field, $"recipes build on each other in a circle: {cycle}; break the circle in one of these image.yaml files");
                    }
                    continue;
                }
                Visit(dependency);
            }
            path.RemoveAt(path.Count - 1);
            state[name] = true;
        }

        foreach (var name in recipes.Keys.Order(StringComparer.Ordinal))
            if (!state.ContainsKey(name)) Visit(name);
    }
}
