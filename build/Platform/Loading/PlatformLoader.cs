using Mooc.Build;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;

namespace Mooc.Platform.Loading;

/// <summary>
/// Reads manifests/&lt;name&gt;/platform.yaml into a validated <see cref="PlatformDefinition"/> (services in dependency
/// order), or throws one <see cref="PlatformValidationException"/> listing every error with file, line, column and field.
/// </summary>
public static class PlatformLoader
{
    /// <summary>manifests/&lt;name&gt;/platform.yaml under the repository root.</summary>
    public static string PathFor(string platformName) => Path.Combine(RepositoryPaths.Root, "manifests", platformName, "platform.yaml");

    /// <summary>
    /// Loads manifests/&lt;name&gt;/platform.yaml; <paramref name="parameters"/> override its declared parameters (e.g. release).
    /// The recipes its services name must exist under images/. A platform that does not exist is a mistake in the call.
    /// <paramref name="offered"/>: values the pipeline derives from its own options (e.g. public-hosts from --hosts), taken
    /// only by a platform that declares them; <paramref name="parameters"/> (--set) win over them.
    /// </summary>
    public static PlatformDefinition LoadByName(string platformName, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyDictionary<string, string>? offered = null)
    {
        var path = PathFor(platformName);
        if (!File.Exists(path))
        {
            var known = Folders("manifests", "platform.yaml");
            throw new BuildException($"Platform '{platformName}' does not exist (no manifests/{platformName}/platform.yaml)." +
                                     (Suggestions.Closest(platformName, known) is { } best ? $" Did you mean '{best}'?" : "") +
                                     $" Platforms: {string.Join(", ", known)}; choose one with --platform.");
        }
        return Load(path, parameters, Folders("images", "image.yaml").ToHashSet(StringComparer.Ordinal), offered);
    }

    /// <param name="recipes">The recipe names there are; when given, a service naming another one is an error.</param>
    public static PlatformDefinition Load(string path, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlySet<string>? recipes = null, IReadOnlyDictionary<string, string>? offered = null)
    {
        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath), fullPath, parameters, recipes, offered);
    }

    /// <summary>Parses platform YAML text; <paramref name="sourceFile"/> is what errors name.</summary>
    public static PlatformDefinition Parse(string yaml, string sourceFile, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlySet<string>? recipes = null, IReadOnlyDictionary<string, string>? offered = null)
    {
        var reader = new YamlNodeReader(sourceFile);
        var (root, yamlErrors) = YamlText.Parse(yaml, sourceFile);
        if (root is null) throw new PlatformValidationException(sourceFile, yamlErrors);
        var platform = new PlatformReader(reader, sourceFile, parameters ?? new Dictionary<string, string>(), offered ?? new Dictionary<string, string>()).Read(root);
        if (platform is not null && reader.Errors.Count == 0) new PlatformValidator(reader, recipes).Validate(platform);
        if (platform is null || reader.Errors.Count > 0)
            throw new PlatformValidationException(sourceFile, reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        return platform with { Services = DependencyOrder.Sort(platform.Services) };
    }

    /// <summary>Folders under &lt;root&gt;/&lt;parent&gt; holding the given file: the platforms, the recipes.</summary>
    static List<string> Folders(string parent, string file)
    {
        var directory = Path.Combine(RepositoryPaths.Root, parent);
        return Directory.Exists(directory)
            ? Directory.GetDirectories(directory).Where(d => File.Exists(Path.Combine(d, file))).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}
