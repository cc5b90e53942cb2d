using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mooc.Images.Recipes;

/// <summary>
/// Reads images/&lt;name&gt;/image.yaml files into <see cref="ImageRecipe"/>s and rejects what cannot work,
/// naming file, line and field. A file source that starts with "images/" or "provision/" is relative to
/// the repository root (so nginx can bake images/lms/app/static); any other source is relative to the
/// recipe's own folder. Sources must stay inside images/ or provision/.
/// </summary>
public static partial class RecipeLoader
{
    public const string RecipeFileName = "image.yaml";

    static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    /// <summary>Every recipe under &lt;root&gt;/images, with references between recipes checked.</summary>
    public static IReadOnlyList<ImageRecipe> LoadAll(string repositoryRoot)
    {
        var imagesDirectory = Path.Combine(repositoryRoot, "images");
        if (!Directory.Exists(imagesDirectory))
            throw new InvalidOperationException($"No recipes: the folder {imagesDirectory} does not exist.");
        var recipes = Directory.GetDirectories(imagesDirectory)
            .Where(d => File.Exists(Path.Combine(d, RecipeFileName)))
            .Order(StringComparer.Ordinal)
            .Select(d => Load(Path.Combine(d, RecipeFileName), repositoryRoot))
            .ToList();
        CheckReferences(recipes);
        return recipes;
    }

    public static ImageRecipe Load(string recipeFile, string repositoryRoot)
    {
        var displayFile = Path.GetRelativePath(repositoryRoot, recipeFile);
        var name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(recipeFile)))!;
        var text = File.ReadAllText(recipeFile);
        var locator = new YamlLocator(text);
        RecipeException Error(string field, string problem) => new(displayFile, locator.LineOf(field), field, problem);

        if (!RecipeName().IsMatch(name))
            throw new RecipeException(displayFile, 1, "(folder name)", $"'{name}' is not a valid recipe name: use lower-case letters, digits and '-' (it becomes the image name mooc/{name}).");

        var document = Parse(text, displayFile) ?? throw Error("from", "the file is empty; a recipe needs at least 'from'.");

        var from = document.From is { Length: > 0 } f ? f.Trim() : throw Error("from", "missing: name the base image, e.g. 'from: debian:bookworm'.");
        if (!ImageReference().IsMatch(from))
            throw Error("from", $"'{from}' is not an image reference such as debian:bookworm or registry:5000/team/base:1.2.");

        var folder = Path.GetDirectoryName(Path.GetFullPath(recipeFile))!;
        var files = (document.Files ?? []).Select((file, i) => ReadFile(file, $"files[{i}]", folder, repositoryRoot, Error)).ToList();

        var steps = (document.Steps ?? []).Select((step, i) =>
        {
            var field = $"steps[{i}]";
            var stepName = step.Name is { Length: > 0 } n ? n : throw Error(field + ".name", "missing: every step needs a name (it labels the progress line and errors).");
            var run = step.Run is { Length: > 0 } r ? r : throw Error(field + ".run", $"missing: step '{stepName}' needs 'run', a shell command run with 'sh -ec'.");
            if (step.Workdir is { } w && !w.StartsWith('/')) throw Error(field + ".workdir", $"'{w}' must be an absolute path.");
            CheckEnvironment(step.Env, field + ".env", Error);
            return new RecipeStep(stepName, run, step.User, step.Workdir, step.Env ?? []);
        }).ToList();
        var duplicate = steps.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Error($"steps[{steps.FindLastIndex(s => s.Name == duplicate.Key)}].name", $"'{duplicate.Key}' names two steps; step names must be unique.");

        var commit = ReadCommit(document.Commit ?? new CommitDocument(), Error);

        var services = (document.Services ?? []).Select((service, i) =>
        {
            var field = $"services[{i}]";
            var serviceName = service.Name is { Length: > 0 } n && RecipeName().IsMatch(n) ? n
                : throw Error(field + ".name", $"'{service.Name}' is not a valid host name: use lower-case letters, digits and '-'.");
            var recipe = service.Recipe is { Length: > 0 } r ? r : throw Error(field + ".recipe", "missing: name the recipe (a folder under images/) whose image runs as this service.");
            if (recipe == name) throw Error(field + ".recipe", "a recipe cannot use its own image as a service.");
            CheckEnvironment(service.Env, field + ".env", Error);
            return new RecipeService(serviceName, recipe, service.Env ?? [], service.Ready);
        }).ToList();

        return new ImageRecipe(name, displayFile, text, from, files, steps, commit, services);
    }

    static RecipeDocument? Parse(string text, string displayFile)
    {
        try
        {
            return Deserializer.Deserialize<RecipeDocument?>(text);
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            var innermost = e;
            for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
                if (inner is YamlException y) innermost = y;
            var unknown = UnknownProperty().Match(innermost.Message);
            if (unknown.Success)
            {
                var type = typeof(RecipeDocument).Assembly.GetTypes().First(t => t.Name == unknown.Groups["type"].Value);
                var allowed = string.Join(", ", type.GetProperties().Select(p => p.Name.ToLowerInvariant()));
                throw new RecipeException(displayFile, line, unknown.Groups["field"].Value, $"unknown field. Allowed here: {allowed}.");
            }
            var problem = (innermost.InnerException ?? innermost).Message;
            throw new RecipeException(displayFile, line, "(yaml)", $"{problem} Check the indentation and that lists and maps are where the recipe format expects them.");
        }
    }

    static RecipeFile ReadFile(FileDocument file, string field, string folder, string root, Func<string, string, RecipeException> error)
    {
        var declared = file.Source is { Length: > 0 } s ? s : throw error(field + ".source", "missing: the file or folder to copy, relative to the recipe folder, or starting with images/ or provision/.");
        var target = file.Target is { Length: > 0 } t ? t : throw error(field + ".target", "missing: the absolute path in the image to copy to.");
        if (!target.StartsWith('/')) throw error(field + ".target", $"'{target}' must be an absolute path in the image.");

        var rootRelative = declared.StartsWith("images/", StringComparison.Ordinal) || declared.StartsWith("provision/", StringComparison.Ordinal);
        var source = Path.GetFullPath(Path.Combine(rootRelative ? root : folder, declared));
        var allowedRoots = new[] { Path.Combine(root, "images"), Path.Combine(root, "provision") }.Select(Path.GetFullPath);
        if (!allowedRoots.Any(r => source.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            throw error(field + ".source", $"'{declared}' is outside images/ and provision/; only files there are baked into images.");
        if (!File.Exists(source) && !Directory.Exists(source))
            throw error(field + ".source", $"'{declared}' does not exist (looked for {Path.GetRelativePath(root, source)}).");
        return new RecipeFile(source, target, declared);
    }

    static RecipeCommit ReadCommit(CommitDocument commit, Func<string, string, RecipeException> error)
    {
        CheckEnvironment(commit.Env, "commit.env", error);
        var expose = (commit.Expose ?? []).Select((port, i) => ExposedPort().IsMatch(port) ? (port.Contains('/') ? port : port + "/tcp")
            : throw error($"commit.expose[{i}]", $"'{port}' is not a port: write 8000, 8000/tcp or 53/udp.")).ToList();
        if (commit.Workdir is { } w && !w.StartsWith('/')) throw error("commit.workdir", $"'{w}' must be an absolute path.");
        if (commit.Cmd is { Count: 0 }) throw error("commit.cmd", "an empty list; leave 'cmd' out to keep the base image's.");
        if (commit.Entrypoint is { Count: 0 }) throw error("commit.entrypoint", "an empty list; leave 'entrypoint' out to keep the base image's.");
        return new RecipeCommit(commit.Cmd, commit.Entrypoint, commit.Env ?? [], expose, commit.Workdir, commit.User, commit.Labels ?? []);
    }

    static void CheckEnvironment(Dictionary<string, string>? environment, string field, Func<string, string, RecipeException> error)
    {
        foreach (var key in (environment ?? []).Keys)
            if (!EnvironmentName().IsMatch(key))
                throw error(field, $"'{key}' is not a valid environment variable name (letters, digits and '_', not starting with a digit).");
    }

    static void CheckReferences(IReadOnlyList<ImageRecipe> recipes)
    {
        var names = recipes.Select(r => r.Name).ToHashSet();
        foreach (var recipe in recipes)
            for (var i = 0; i < recipe.Services.Count; i++)
                if (!names.Contains(recipe.Services[i].Recipe))
                    throw new RecipeException(recipe.RecipeFile, new YamlLocator(recipe.SourceText).LineOf($"services[{i}].recipe"), $"services[{i}].recipe",
                        $"no recipe '{recipe.Services[i].Recipe}' under images/. Known recipes: {string.Join(", ", names.Order())}.");
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex RecipeName();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._\-/]*(:[0-9]+)?([a-z0-9._\-/]*)?(:[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReference();

    [GeneratedRegex("^[0-9]{1,5}(/(tcp|udp|sctp))?$")]
    private static partial Regex ExposedPort();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    [GeneratedRegex(@"Property '(?<field>[^']+)' not found on type '[\w.]*\.(?<type>\w+)'")]
    private static partial Regex UnknownProperty();
}
