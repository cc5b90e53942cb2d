namespace Mooc.Images.Recipes;

/// <summary>A recipe that cannot be used, with where (file, line, field) and what to do about it.</summary>
public sealed class RecipeException(string file, int line, string field, string problem)
    : Exception($"{file}:{line}: {field}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
