using System.Text.RegularExpressions;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;
using YamlDotNet.RepresentationModel;

namespace Mooc.Platform.Loading;

/// <summary>Maps a platform file's YAML tree onto the model records; cross-references are checked afterwards by <see cref="PlatformValidator"/>.</summary>
sealed partial class PlatformReader(YamlNodeReader reader, string sourceFile, IReadOnlyDictionary<string, string> overrides, IReadOnlyDictionary<string, string> offered)
{
    static readonly string[] TopFields = ["name", "description", "parameters", "secrets", "services", "migrations", "smoke", "testDataCleanup"];

    Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
    ServiceReader? _services;

    public PlatformDefinition? Read(YamlNode root)
    {
        var fields = reader.Fields(root, "", TopFields, "name", "services");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, "name") : null;
        if (name is not null && !KubernetesNames.IsDnsLabel(name))
            reader.Error(n!, "name", $"'{name}' is not a valid platform name ({KubernetesNames.DnsLabelRule}); use '{KubernetesNames.Normalise(name)}'");
        _parameters = ReadParameters(fields);
        var services = _services = new ServiceReader(reader, Substitute);
        return new PlatformDefinition(
            Name: name ?? "",
            SourceFile: sourceFile,
            Description: fields.TryGetValue("description", out var d) ? reader.String(d, "description") : null,
            Parameters: _parameters,
            Services: fields.TryGetValue("services", out var s) ? reader.Sequence(s, "services").Select(services.Read).OfType<ServiceDefinition>().ToList() : [],
            Secrets: reader.Items(fields.GetValueOrDefault("secrets"), "secrets", ReadSecret, byName: true),
            Migrations: reader.Items(fields.GetValueOrDefault("migrations"), "migrations", ReadMigration, byName: true),
            SmokeChecks: reader.Items(fields.GetValueOrDefault("smoke"), "smoke", ReadSmokeCheck, byName: true))
        {
            TestDataCleanup = fields.TryGetValue("testDataCleanup", out var t) ? ReadMigration(t, "testDataCleanup") : null,
        };
    }

    Dictionary<string, string> ReadParameters(IReadOnlyDictionary<string, YamlNode> fields)
    {
        var declared = fields.TryGetValue("parameters", out var p) ? reader.StringMap(p, "parameters") : new Dictionary<string, string>();
        var merged = new Dictionary<string, string>(declared, StringComparer.Ordinal);
        foreach (var (key, value) in offered.Where(o => declared.ContainsKey(o.Key))) merged[key] = value;
        foreach (var (key, value) in overrides)
        {
            if (declared.ContainsKey(key)) merged[key] = value;
            else reader.ErrorAt("parameters", $"the override '{key}' (--set {key}=...) is not a parameter of this platform; declared: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Keys))}; set one of those, or declare '{key}' under parameters");
        }
        return merged;
    }

    /// <summary>Replaces ${name} with the parameter's value; an undeclared name is an error at the field using it.</summary>
    string Substitute(string field, string text) => ParameterReference().Replace(text, match =>
    {
        if (_parameters.TryGetValue(match.Groups[1].Value, out var value)) return value;
        reader.ErrorAt(field, $"'${{{match.Groups[1].Value}}}' is not a declared parameter; declared: {(_parameters.Count == 0 ? "none" : string.Join(", ", _parameters.Keys))}");
        return match.Value;
    });

    SecretDefinition? ReadSecret(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["name", "length", "alphabet"], "name");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, $"{at}.name") : null;
        if (name is not null && !KubernetesNames.IsDnsLabel(name))
            reader.Error(n!, $"{at}.name", $"'{name}' is not a valid secret key ({KubernetesNames.DnsLabelRule}); use '{KubernetesNames.Normalise(name)}'");
        var length = fields.TryGetValue("length", out var l) ? reader.Int(l, $"{at}.length", 16, 256) : 32;
        var alphabet = fields.TryGetValue("alphabet", out var a) ? reader.Enum<SecretAlphabet>(a, $"{at}.alphabet") : SecretAlphabet.Alphanumeric;
        return name is null ? null : new SecretDefinition(name, length ?? 32, alphabet ?? SecretAlphabet.Alphanumeric);
    }

    MigrationStep? ReadMigration(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["name", "service", "command", "env", "requires", "enabled"], "name", "service", "command");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, $"{at}.name") : null;
        if (name is not null && !KubernetesNames.IsDnsLabel(name))
            reader.Error(n!, $"{at}.name", $"'{name}' is not a valid Job name ({KubernetesNames.DnsLabelRule}); use '{KubernetesNames.Normalise(name)}'");
        var service = fields.TryGetValue("service", out var s) ? reader.String(s, $"{at}.service") : null;
        var command = fields.TryGetValue("command", out var c) ? reader.StringList(c, $"{at}.command") : [];
        if (fields.ContainsKey("command") && command.Count == 0)
            reader.Error(c!, $"{at}.command", "the command is empty; write e.g. [python3, /opt/lms/manage.py, migrate, --noinput]");
        var env = fields.TryGetValue("env", out var e) ? reader.StringMap(e, $"{at}.env") : new Dictionary<string, string>();
        var requires = fields.TryGetValue("requires", out var r) ? reader.StringList(r, $"{at}.requires") : [];
        var enabled = !fields.TryGetValue("enabled", out var en) || (_services!.ReadEnabled(en, $"{at}.enabled") ?? true);
        return name is null || service is null || command.Count == 0 ? null : new MigrationStep(name, service, command, env) { Requires = requires, Enabled = enabled };
    }

    SmokeCheck? ReadSmokeCheck(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["name", "kind", "path", "status", "contains"], "name");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, $"{at}.name") : null;
        var kind = fields.TryGetValue("kind", out var k) ? reader.Enum<SmokeCheckKind>(k, $"{at}.kind") : SmokeCheckKind.Http;
        var path = fields.TryGetValue("path", out var p) ? reader.String(p, $"{at}.path") : null;
        if (kind == SmokeCheckKind.Http && path is null && !fields.ContainsKey("path"))
            reader.Error(node, $"{at}.path", "an http check needs a path, e.g. /heartbeat");
        if (kind == SmokeCheckKind.InlineDiscussion && path is null && !fields.ContainsKey("path"))
            reader.Error(node, $"{at}.path", "an inline-discussion check needs the inline view's path, e.g. /courses/<course>/discussion/forum/<discussion_id>/inline");
        if (path is not null && !path.StartsWith('/')) reader.Error(p!, $"{at}.path", $"'{path}' must start with '/'");
        var status = fields.TryGetValue("status", out var s) ? reader.Int(s, $"{at}.status", 100, 599) : 200;
        var contains = fields.TryGetValue("contains", out var c) ? reader.String(c, $"{at}.contains") : null;
        return name is null || kind is null ? null : new SmokeCheck(name, kind.Value, path, status ?? 200, contains);
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_-]+)\}")]
    private static partial Regex ParameterReference();
}
