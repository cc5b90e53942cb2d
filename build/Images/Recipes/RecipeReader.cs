using System.Text.RegularExpressions;
using Mooc.Platform.Loading;
using Mooc.Platform.Validation;
using YamlDotNet.RepresentationModel;

namespace Mooc.Images.Recipes;

/// <summary>
/// Reads one images/&lt;name&gt;/image.yaml into an <see cref="ImageRecipe"/>, collecting every error with line, column
/// and field in <see cref="Reader"/> (the same reader the platform file uses), so references between recipes can be
/// checked afterwards and still point into the file.
/// </summary>
sealed partial class RecipeReader(string recipeFile, string repositoryRoot)
{
    static readonly string[] TopFields = ["from", "files", "steps", "commit", "services"];
    // The repository's folders an image may bake files from (courses/: the LMS bakes the demo course's OLX).
    static readonly string[] BakedFolders = ["images", "provision", "courses"];

    public string Name { get; } = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(recipeFile)))!;
    public string DisplayFile { get; } = Path.GetRelativePath(repositoryRoot, recipeFile);
    public YamlNodeReader Reader { get; } = new(Path.GetRelativePath(repositoryRoot, recipeFile));

    /// <summary>The recipe, or null when the file has errors (they are in <see cref="Reader"/>).</summary>
    public ImageRecipe? Read()
    {
        var text = File.ReadAllText(recipeFile);
        var (root, syntaxErrors) = YamlText.Parse(text, DisplayFile);
        foreach (var error in syntaxErrors) Reader.Add(error);
        if (!RecipeName().IsMatch(Name))
            Reader.Error(YamlDotNet.Core.Mark.Empty, "(folder name)", $"'{Name}' is not a valid recipe name: use lower-case letters, digits and '-' (it becomes the image name mooc/{Name})");
        if (root is null) return null;

        var fields = Reader.Fields(root, "", TopFields);
        if (fields is null) return null;
        if (!fields.ContainsKey("from")) Reader.Error(root, "from", "required field 'from' is missing: name the base image, e.g. from: debian:bookworm");
        var from = fields.TryGetValue("from", out var f) ? Reader.String(f, "from")?.Trim() : null;
        if (from is not null && !ImageReference().IsMatch(from))
            Reader.Error(f!, "from", $"'{from}' is not an image reference; write e.g. debian:bookworm, registry:5000/team/base:1.2 or mooc/<recipe>");

        var folder = Path.GetDirectoryName(Path.GetFullPath(recipeFile))!;
        var files = Reader.Items(fields.GetValueOrDefault("files"), "files", (node, at) => ReadFile(node, at, folder));
        var steps = Reader.Items(fields.GetValueOrDefault("steps"), "steps", ReadStep);
        foreach (var duplicate in steps.GroupBy(s => s.Name).Where(g => g.Count() > 1))
            Reader.ErrorAt($"steps[{steps.FindLastIndex(s => s.Name == duplicate.Key)}].name", $"'{duplicate.Key}' names two steps; step names must be unique");
        var commit = fields.TryGetValue("commit", out var c) ? ReadCommit(c) : null;
        var services = Reader.Items(fields.GetValueOrDefault("services"), "services", ReadService);

        return Reader.Errors.Count > 0 || from is null ? null
            : new ImageRecipe(Name, DisplayFile, text, from, files, steps, commit ?? EmptyCommit, services);
    }

    static readonly RecipeCommit EmptyCommit = new(null, null, new Dictionary<string, string>(), [], null, null, new Dictionary<string, string>());

    RecipeFile? ReadFile(YamlNode node, string at, string folder)
    {
        var fields = Reader.Fields(node, at, ["source", "target"], "source", "target");
        if (fields is null) return null;
        var declared = fields.TryGetValue("source", out var s) ? Reader.String(s, $"{at}.source") : null;
        var target = fields.TryGetValue("target", out var t) ? Reader.String(t, $"{at}.target") : null;
        if (target is not null && !target.StartsWith('/')) Reader.Error(t!, $"{at}.target", $"'{target}' must be an absolute path in the image, e.g. /usr/local/bin/");
        if (declared is null || target is null) return null;

        var rootRelative = BakedFolders.Any(f => declared.StartsWith(f + "/", StringComparison.Ordinal));
        var source = Path.GetFullPath(Path.Combine(rootRelative ? repositoryRoot : folder, declared));
        var allowedRoots = BakedFolders.Select(f => Path.GetFullPath(Path.Combine(repositoryRoot, f)));
        if (!allowedRoots.Any(r => source.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            Reader.Error(s!, $"{at}.source", $"'{declared}' is outside {string.Join(", ", BakedFolders.Select(f => f + "/"))}; only files there are baked into images");
        else if (!File.Exists(source) && !Directory.Exists(source))
            Reader.Error(s!, $"{at}.source", $"'{declared}' does not exist (looked for {Path.GetRelativePath(repositoryRoot, source)})");
        else
            return new RecipeFile(source, target, declared);
        return null;
    }

    RecipeStep? ReadStep(YamlNode node, string at)
    {
        var fields = Reader.Fields(node, at, ["name", "run", "user", "workdir", "env"], "name");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? Reader.String(n, $"{at}.name") : null;
        var run = fields.TryGetValue("run", out var r) ? Reader.String(r, $"{at}.run") : null;
        if (!fields.ContainsKey("run"))
            Reader.Error(node, $"{at}.run", $"required field 'run' is missing: step '{name}' needs a shell command, run with 'sh -ec'");
        var user = fields.TryGetValue("user", out var u) ? Reader.String(u, $"{at}.user") : null;
        var workdir = AbsolutePath(fields, "workdir", at);
        var env = Environment(fields, at);
        return name is null || run is null ? null : new RecipeStep(name, run, user, workdir, env);
    }

    RecipeCommit? ReadCommit(YamlNode node)
    {
        var fields = Reader.Fields(node, "commit", ["cmd", "entrypoint", "env", "expose", "workdir", "user", "labels"]);
        if (fields is null) return null;
        IReadOnlyList<string>? Command(string key)
        {
            if (!fields.TryGetValue(key, out var value)) return null;
            var list = Reader.StringList(value, $"commit.{key}");
            if (list.Count == 0) Reader.Error(value, $"commit.{key}", $"an empty list; leave '{key}' out to keep the base image's");
            return list;
        }
        var expose = fields.TryGetValue("expose", out var e) ? Reader.StringList(e, "commit.expose") : [];
        for (var i = 0; i < expose.Count; i++)
            if (!ExposedPort().IsMatch(expose[i]))
                Reader.ErrorAt($"commit.expose[{i}]", $"'{expose[i]}' is not a port: write 8000, 8000/tcp or 53/udp");
        return new RecipeCommit(
            Command("cmd"), Command("entrypoint"), Environment(fields, "commit"),
            expose.Select(p => p.Contains('/') ? p : p + "/tcp").ToList(),
            AbsolutePath(fields, "workdir", "commit"),
            fields.TryGetValue("user", out var u) ? Reader.String(u, "commit.user") : null,
            fields.TryGetValue("labels", out var l) ? Reader.StringMap(l, "commit.labels") : new Dictionary<string, string>());
    }

    RecipeService? ReadService(YamlNode node, string at)
    {
        var fields = Reader.Fields(node, at, ["name", "recipe", "env", "ready"], "name", "recipe");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? Reader.String(n, $"{at}.name") : null;
        if (name is not null && !RecipeName().IsMatch(name))
            Reader.Error(n!, $"{at}.name", $"'{name}' is not a valid host name: use lower-case letters, digits and '-'");
        var recipe = fields.TryGetValue("recipe", out var r) ? Reader.String(r, $"{at}.recipe") : null;
        if (recipe == Name) Reader.Error(r!, $"{at}.recipe", "a recipe cannot use its own image as a service");
        var ready = fields.TryGetValue("ready", out var rd) ? Reader.String(rd, $"{at}.ready") : null;
        var env = Environment(fields, at);
        return name is null || recipe is null ? null : new RecipeService(name, recipe, env, ready);
    }

    string? AbsolutePath(IReadOnlyDictionary<string, YamlNode> fields, string key, string at)
    {
        if (!fields.TryGetValue(key, out var node)) return null;
        var path = Reader.String(node, $"{at}.{key}");
        if (path is not null && !path.StartsWith('/')) Reader.Error(node, $"{at}.{key}", $"'{path}' must be an absolute path, e.g. /opt/app");
        return path;
    }

    IReadOnlyDictionary<string, string> Environment(IReadOnlyDictionary<string, YamlNode> fields, string at)
    {
        if (!fields.TryGetValue("env", out var node)) return new Dictionary<string, string>();
        var env = Reader.StringMap(node, $"{at}.env");
        foreach (var key in env.Keys.Where(k => !KubernetesNames.IsEnvName(k)))
            Reader.ErrorAt($"{at}.env.{key}", $"'{key}' is not a valid environment variable name ({KubernetesNames.EnvNameRule})");
        return env;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex RecipeName();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._\-/]*(:[0-9]+)?([a-z0-9._\-/]*)?(:[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReference();

    [GeneratedRegex("^[0-9]{1,5}(/(tcp|udp|sctp))?$")]
    private static partial Regex ExposedPort();
}
