using YamlDotNet.Serialization;

namespace Mooc.Images.Recipes;

// The YAML shapes as written; RecipeLoader checks them and turns them into ImageRecipe.

public sealed record RecipeDocument
{
    public string? From { get; init; }
    public List<FileDocument>? Files { get; init; }
    public List<StepDocument>? Steps { get; init; }
    public CommitDocument? Commit { get; init; }
    public List<ServiceDocument>? Services { get; init; }
}

public sealed record FileDocument
{
    public string? Source { get; init; }
    public string? Target { get; init; }
}

public sealed record StepDocument
{
    public string? Name { get; init; }
    public string? Run { get; init; }
    public string? User { get; init; }
    public string? Workdir { get; init; }
    public Dictionary<string, string>? Env { get; init; }
}

public sealed record CommitDocument
{
    public List<string>? Cmd { get; init; }
    public List<string>? Entrypoint { get; init; }
    public Dictionary<string, string>? Env { get; init; }
    public List<string>? Expose { get; init; }
    public string? Workdir { get; init; }
    public string? User { get; init; }
    [YamlMember(Alias = "labels")]
    public Dictionary<string, string>? Labels { get; init; }
}

public sealed record ServiceDocument
{
    public string? Name { get; init; }
    public string? Recipe { get; init; }
    public Dictionary<string, string>? Env { get; init; }
    public string? Ready { get; init; }
}
