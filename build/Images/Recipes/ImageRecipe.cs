namespace Mooc.Images.Recipes;

/// <summary>A validated image recipe: images/&lt;name&gt;/image.yaml and what it refers to.</summary>
public sealed record ImageRecipe(
    string Name,
    string RecipeFile,
    string SourceText,
    string From,
    IReadOnlyList<RecipeFile> Files,
    IReadOnlyList<RecipeStep> Steps,
    RecipeCommit Commit,
    IReadOnlyList<RecipeService> Services)
{
    /// <summary>Recipes that must be built before this one: sibling services, and a base that is another recipe.</summary>
    public IEnumerable<string> Dependencies(string imageNamespace) =>
        Services.Select(s => s.Recipe).Concat(BaseRecipe(imageNamespace) is { } b ? [b] : []).Distinct();

    /// <summary>The recipe this one builds on when 'from' names one of ours (mooc/&lt;recipe&gt;), else null.</summary>
    public string? BaseRecipe(string imageNamespace) =>
        From.StartsWith(imageNamespace + "/", StringComparison.Ordinal) ? From[(imageNamespace.Length + 1)..].Split(':')[0] : null;
}

/// <summary>A file or folder copied into the build container. Source is an absolute path on this machine.</summary>
public sealed record RecipeFile(string Source, string Target, string DeclaredSource);

public sealed record RecipeStep(string Name, string Run, string? User, string? WorkingDirectory, IReadOnlyDictionary<string, string> Environment);

public sealed record RecipeCommit(
    IReadOnlyList<string>? Cmd,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Expose,
    string? WorkingDirectory,
    string? User,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>A sibling container from another recipe, reachable by its name while this image is provisioned.</summary>
public sealed record RecipeService(string Name, string Recipe, IReadOnlyDictionary<string, string> Environment, string? Ready);
