namespace Mooc.Tests;

/// <summary>
/// One file of a bad-input corpus (tests/*/BadInputs/*.yaml): its first line says what the pipeline must report,
/// <c># expect: LINE:COLUMN FIELD :: MESSAGE FRAGMENT</c>, the line counted in the file as it is, comment included.
/// </summary>
public sealed record BadInput(string Path, string Location, string Field, string Fragment)
{
    const string Prefix = "# expect: ";

    public static BadInput Read(string path)
    {
        var first = File.ReadLines(path).First();
        if (!first.StartsWith(Prefix, StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: the first line must be '{Prefix}LINE:COLUMN FIELD :: FRAGMENT'");
        var parts = first[Prefix.Length..].Split(" :: ", 2);
        var where = parts[0].Split(' ', 2);
        return new BadInput(path, where[0], where[1], parts[1]);
    }

    /// <summary>The corpus files of a folder copied beside the test assembly, by name.</summary>
    public static TheoryData<string> In(string folder) =>
        new(Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, folder), "*.yaml").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal));
}

/// <summary>What a user must never see from a bad input: the runtime's or a library's insides.</summary>
public static class NoInternals
{
    static readonly string[] Forbidden = ["Exception", "System.", "YamlDotNet", "   at ", "Mooc.", "Line: ", "Idx: "];

    public static void Assert(string output)
    {
        foreach (var word in Forbidden)
            Xunit.Assert.False(output.Contains(word, StringComparison.Ordinal), $"the message shows '{word}':\n{output}");
    }
}
