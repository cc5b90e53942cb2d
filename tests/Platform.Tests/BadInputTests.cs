using Mooc.Build;
using Mooc.Platform.Loading;
using Mooc.Tests;

namespace Mooc.Platform.Tests;

/// <summary>
/// The corpus of bad platform files in BadInputs/: each is rejected with the error its first line expects, at the
/// line and column at fault, naming the field, in words a user reads (no .NET or YAML-library text).
/// </summary>
public class BadInputTests
{
    static readonly IReadOnlySet<string> Recipes =
        Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "images")).Select(d => Path.GetFileName(d)).ToHashSet(StringComparer.Ordinal);

    public static TheoryData<string> Files => BadInput.In("BadInputs");

    [Theory]
    [MemberData(nameof(Files))]
    public void A_bad_platform_file_is_rejected_at_the_line_at_fault(string file)
    {
        var expected = BadInput.Read(Path.Combine(AppContext.BaseDirectory, "BadInputs", file));

        var error = Assert.Throws<PlatformValidationException>(() => PlatformLoader.Load(expected.Path, recipes: Recipes));

        var match = error.Errors.FirstOrDefault(e => $"{e.Line}:{e.Column}" == expected.Location && e.Field == expected.Field && e.Message.Contains(expected.Fragment));
        Assert.True(match is not null && match.File == expected.Path, $"expected {expected.Location} {expected.Field} :: {expected.Fragment}\ngot:\n{error.Message}");
        Assert.StartsWith($"{expected.Path}:{expected.Location}: {expected.Field}: ", match.ToString());
        NoInternals.Assert(error.Message);
    }

    [Fact]
    public void The_corpus_is_large_enough_to_mean_something() => Assert.True(Files.Count >= 30, $"{Files.Count} bad platform files");
}
