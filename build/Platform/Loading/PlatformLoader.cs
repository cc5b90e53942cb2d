using Mooc.Build;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mooc.Platform.Loading;

/// <summary>
/// Reads manifests/&lt;name&gt;/platform.yaml into a validated <see cref="PlatformDefinition"/> (services in dependency
/// order), or throws one <see cref="PlatformValidationException"/> listing every error with file, line, column and field.
/// </summary>
public static class PlatformLoader
{
    /// <summary>manifests/&lt;name&gt;/platform.yaml under the repository root.</summary>
    public static string PathFor(string platformName) => Path.Combine(RepositoryPaths.Root, "manifests", platformName, "platform.yaml");

    /// <summary>Loads manifests/&lt;name&gt;/platform.yaml; <paramref name="parameters"/> override its declared parameters (e.g. release).</summary>
    public static PlatformDefinition LoadByName(string platformName, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var path = PathFor(platformName);
        if (!File.Exists(path))
        {
            var manifests = Path.Combine(RepositoryPaths.Root, "manifests");
            var known = Directory.Exists(manifests)
                ? Directory.GetDirectories(manifests).Where(d => File.Exists(Path.Combine(d, "platform.yaml"))).Select(Path.GetFileName).Order().ToList()
                : [];
            throw new FileNotFoundException($"Platform '{platformName}' does not exist: no file {path}. Available platforms: {string.Join(", ", known)}.", path);
        }
        return Load(path, parameters);
    }

    public static PlatformDefinition Load(string path, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var fullPath = Path.GetFullPath(path);
        return Parse(File.ReadAllText(fullPath), fullPath, parameters);
    }

    /// <summary>Parses platform YAML text; <paramref name="sourceFile"/> is what errors name.</summary>
    public static PlatformDefinition Parse(string yaml, string sourceFile, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var reader = new YamlNodeReader(sourceFile);
        var root = ParseYaml(yaml, sourceFile);
        var platform = new PlatformReader(reader, sourceFile, parameters ?? new Dictionary<string, string>()).Read(root);
        if (platform is not null && reader.Errors.Count == 0) new PlatformValidator(reader).Validate(platform);
        if (platform is null || reader.Errors.Count > 0)
            throw new PlatformValidationException(sourceFile, reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        return platform with { Services = DependencyOrder.Sort(platform.Services) };
    }

    static Mark LastGoodPosition(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
                if (parser.Current is { } current) last = current.Start;
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException)
        {
            return last;
        }
        return last;
    }

    static YamlNode ParseYaml(string yaml, string sourceFile)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            throw new PlatformValidationException(sourceFile, [new PlatformError(sourceFile, (int)e.Start.Line, (int)e.Start.Column, "(yaml)", $"not valid YAML: {message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections, without a position: find it.
            var at = LastGoodPosition(yaml);
            throw new PlatformValidationException(sourceFile, [new PlatformError(sourceFile, (int)at.Line, (int)at.Column, "(yaml)", "not valid YAML: an unterminated [list] or {mapping} starts here")]);
        }
        if (stream.Documents.Count != 1)
            throw new PlatformValidationException(sourceFile, [new PlatformError(sourceFile, 1, 1, "(yaml)", $"expected exactly one YAML document; found {stream.Documents.Count}")]);
        return stream.Documents[0].RootNode;
    }
}
