using Mooc.Build;
using Mooc.Platform.Model;
using Mooc.Platform.Validation;
using YamlDotNet.RepresentationModel;

namespace Mooc.Platform.Loading;

/// <summary>Reads one entry of a platform file's services list into a <see cref="ServiceDefinition"/>.</summary>
sealed class ServiceReader(YamlNodeReader reader, Func<string, string, string> substitute)
{
    static readonly string[] ServiceFields =
    [
        "name", "recipe", "image", "kind", "enabled", "replicas", "entrypoint", "args", "command", "ports", "env", "secretEnv",
        "volumes", "probes", "resources", "security", "dependsOn", "aliases", "public",
    ];

    public ServiceDefinition? Read(YamlNode node, int index)
    {
        var at = YamlNodeReader.PeekName(node) is { } known ? $"services[{known}]" : $"services[{index}]";
        var fields = reader.Fields(node, at, ServiceFields, "name");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, $"{at}.name") : null;
        if (name is not null && !KubernetesNames.IsDnsLabel(name))
            reader.Error(n!, $"{at}.name", $"'{name}' is not a valid Kubernetes Service name ({KubernetesNames.DnsLabelRule}); use '{KubernetesNames.Normalise(name)}' and list '{name}' under aliases if images expect that host name");

        if (fields.TryGetValue("command", out var command))
            reader.Error(command, $"{at}.command",
                "'command' is ambiguous: in Kubernetes it replaces the image's entrypoint, in docker-compose only its arguments (CMD). " +
                "Write 'args: [...]' to keep the image's entrypoint and pass it these arguments (what compose's command did), " +
                "or 'entrypoint: [...]' to replace the entrypoint (its setup, e.g. a database image's initialisation, is then skipped)");
        var image = ReadImage(fields, at, node);
        var ports = reader.Items(fields.GetValueOrDefault("ports"), $"{at}.ports", ReadPort);
        return new ServiceDefinition(
            Name: name ?? "",
            Image: image ?? new ImageSource(null, ""),
            Kind: fields.TryGetValue("kind", out var k) ? reader.Enum<ServiceKind>(k, $"{at}.kind") ?? ServiceKind.Stateless : ServiceKind.Stateless,
            Enabled: !fields.TryGetValue("enabled", out var e) || (ReadEnabled(e, $"{at}.enabled") ?? true),
            Replicas: fields.TryGetValue("replicas", out var r) ? reader.Int(r, $"{at}.replicas", 0, 100) ?? 1 : 1,
            Entrypoint: Strings(fields, "entrypoint", at),
            Args: Strings(fields, "args", at),
            Ports: ports,
            Env: fields.TryGetValue("env", out var env) ? Substituted(reader.StringMap(env, $"{at}.env"), $"{at}.env") : new Dictionary<string, string>(),
            SecretEnv: fields.TryGetValue("secretEnv", out var se) ? reader.StringMap(se, $"{at}.secretEnv") : new Dictionary<string, string>(),
            Volumes: reader.Items(fields.GetValueOrDefault("volumes"), $"{at}.volumes", ReadVolume),
            Probes: fields.TryGetValue("probes", out var pr) ? ReadProbes(pr, $"{at}.probes") : ProbeSet.None,
            Resources: fields.TryGetValue("resources", out var res) ? ReadResources(res, $"{at}.resources") : ResourceSpec.None,
            Security: fields.TryGetValue("security", out var sec) ? ReadSecurity(sec, $"{at}.security") : SecuritySpec.ImageDefault,
            DependsOn: Strings(fields, "dependsOn", at),
            Aliases: Strings(fields, "aliases", at),
            Public: fields.TryGetValue("public", out var pub) ? ReadPublic(pub, $"{at}.public") : null);
    }

    /// <summary>true, false or a ${parameter} holding one, so a service or step can be switched without editing the file.</summary>
    public bool? ReadEnabled(YamlNode node, string at)
    {
        if (node is not YamlScalarNode { Value: { } text } || !text.Contains("${")) return reader.Bool(node, at);
        var value = substitute(at, text);
        if (value is "true" or "false") return value == "true";
        reader.Error(node, at, $"'{text}' gives '{value}'; the parameter must be true or false");
        return null;
    }

    ImageSource? ReadImage(IReadOnlyDictionary<string, YamlNode> fields, string at, YamlNode node)
    {
        var hasRecipe = fields.TryGetValue("recipe", out var recipeNode);
        var hasImage = fields.TryGetValue("image", out var imageNode);
        if (hasRecipe == hasImage)
        {
            reader.Error(hasImage ? imageNode! : node, $"{at}.image", "give exactly one of 'recipe' (an image built from images/<recipe>/) or 'image' (an external reference such as edxops/edxapp:${release})");
            return null;
        }
        if (hasRecipe)
        {
            var recipe = reader.String(recipeNode!, $"{at}.recipe");
            if (recipe is not null && !KubernetesNames.IsDnsLabel(recipe))
                reader.Error(recipeNode!, $"{at}.recipe", $"'{recipe}' is not a recipe name ({KubernetesNames.DnsLabelRule})");
            return recipe is null ? null : new ImageSource(recipe, null);
        }
        var reference = reader.String(imageNode!, $"{at}.image");
        return reference is null ? null : new ImageSource(null, substitute($"{at}.image", reference));
    }

    PortDefinition? ReadPort(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["name", "containerPort", "protocol"], "name", "containerPort");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, $"{at}.name") : null;
        if (name is not null && !KubernetesNames.IsPortName(name))
            reader.Error(n!, $"{at}.name", $"'{name}' is not a valid port name (lowercase letters, digits and '-', at most 15 characters, at least one letter)");
        var port = fields.TryGetValue("containerPort", out var cp) ? reader.Int(cp, $"{at}.containerPort", 1, 65535) : null;
        var protocol = fields.TryGetValue("protocol", out var pr) ? reader.Enum<PortProtocol>(pr, $"{at}.protocol") : PortProtocol.TCP;
        return name is null || port is null ? null : new PortDefinition(name, port.Value, protocol ?? PortProtocol.TCP);
    }

    VolumeDefinition? ReadVolume(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["name", "mountPath", "size", "accessMode", "type", "fromImage"], "name", "mountPath", "size");
        if (fields is null) return null;
        var name = fields.TryGetValue("name", out var n) ? reader.String(n, $"{at}.name") : null;
        if (name is not null && !KubernetesNames.IsDnsLabel(name))
            reader.Error(n!, $"{at}.name", $"'{name}' is not a valid volume name ({KubernetesNames.DnsLabelRule}); use '{KubernetesNames.Normalise(name)}'");
        var mountPath = fields.TryGetValue("mountPath", out var m) ? reader.String(m, $"{at}.mountPath") : null;
        if (mountPath is not null && !mountPath.StartsWith('/'))
            reader.Error(m!, $"{at}.mountPath", $"'{mountPath}' must be an absolute path, e.g. /var/lib/mysql");
        var size = fields.TryGetValue("size", out var s) ? reader.String(s, $"{at}.size") : null;
        if (size is not null && !KubernetesNames.IsQuantity(size))
            reader.Error(s!, $"{at}.size", $"'{size}' is not a Kubernetes quantity; write e.g. 5Gi or 500Mi");
        var type = fields.TryGetValue("type", out var t) ? reader.Enum<VolumeType>(t, $"{at}.type") ?? VolumeType.Claim : VolumeType.Claim;
        var mode = fields.TryGetValue("accessMode", out var a) ? reader.Enum<VolumeAccessMode>(a, $"{at}.accessMode") : VolumeAccessMode.ReadWriteOnce;
        if (a is not null && type != VolumeType.Claim)
            reader.Error(a, $"{at}.accessMode", $"a {YamlNodeReader.KebabCase(type)} volume belongs to one pod and has no access mode; remove accessMode, or use type: claim");
        var fromImage = fields.TryGetValue("fromImage", out var f) && (reader.Bool(f, $"{at}.fromImage") ?? false);
        if (fromImage && type != VolumeType.EmptyDir)
            reader.Error(f!, $"{at}.fromImage", type == VolumeType.Claim
                ? "fromImage fills a pod-local volume at each start; a claim keeps its data, so fill it with a migration step instead, or use type: empty-dir"
                : "fromImage works with type: empty-dir (the local engine's tmpfs cannot be filled from the image)");
        else if (fromImage && name is { Length: > 58 })
            reader.Error(n!, $"{at}.name", $"'{name}' is too long for a volume filled from the image (its init container 'seed-{name}' must be at most 63 characters); use at most 58");
        return name is null || mountPath is null || size is null
            ? null
            : new VolumeDefinition(name, mountPath, size, mode ?? VolumeAccessMode.ReadWriteOnce) { Type = type, FromImage = fromImage };
    }

    ProbeSet ReadProbes(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["readiness", "liveness", "startup"]);
        if (fields is null) return ProbeSet.None;
        ProbeDefinition? Probe(string key) => fields.TryGetValue(key, out var p) ? ReadProbe(p, $"{at}.{key}") : null;
        return new ProbeSet(Probe("readiness"), Probe("liveness"), Probe("startup"));
    }

    ProbeDefinition? ReadProbe(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["http", "tcp", "exec", "initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"]);
        if (fields is null) return null;
        var actions = new[] { "http", "tcp", "exec" }.Where(fields.ContainsKey).ToList();
        if (actions.Count != 1)
        {
            reader.Error(node, at, "give exactly one of http: {path, port}, tcp: PORT or exec: [command, args...]");
            return null;
        }
        var actionNode = fields[actions[0]];
        ProbeAction? action = actions[0] switch
        {
            "http" => ReadHttpProbe(actionNode, $"{at}.http"),
            "tcp" => reader.Int(actionNode, $"{at}.tcp", 1, 65535) is { } port ? new TcpProbe(port) : null,
            _ => reader.StringList(actionNode, $"{at}.exec") is { Count: > 0 } command ? new ExecProbe(command) : Missing(actionNode, $"{at}.exec"),
        };
        int Seconds(string key, int fallback, int min) =>
            fields.TryGetValue(key, out var v) ? reader.Int(v, $"{at}.{key}", min, 3600) ?? fallback : fallback;
        return action is null ? null : new ProbeDefinition(action,
            Seconds("initialDelaySeconds", 0, 0), Seconds("periodSeconds", 10, 1), Seconds("timeoutSeconds", 1, 1), Seconds("failureThreshold", 3, 1));
    }

    ProbeAction? Missing(YamlNode node, string at)
    {
        reader.Error(node, at, "the command is empty; write e.g. [mysqladmin, ping, -h, 127.0.0.1]");
        return null;
    }

    HttpProbe? ReadHttpProbe(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["path", "port"], "path", "port");
        if (fields is null) return null;
        var path = fields.TryGetValue("path", out var p) ? reader.String(p, $"{at}.path") : null;
        if (path is not null && !path.StartsWith('/')) reader.Error(p!, $"{at}.path", $"'{path}' must start with '/'");
        var port = fields.TryGetValue("port", out var n) ? reader.Int(n, $"{at}.port", 1, 65535) : null;
        return path is null || port is null ? null : new HttpProbe(path, port.Value);
    }

    ResourceSpec ReadResources(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["requests", "limits"]);
        if (fields is null) return ResourceSpec.None;
        ResourceAmounts Amounts(string key)
        {
            if (!fields.TryGetValue(key, out var amountsNode)) return ResourceAmounts.None;
            var amounts = reader.Fields(amountsNode, $"{at}.{key}", ["cpu", "memory"]);
            string? Quantity(string name)
            {
                if (amounts is null || !amounts.TryGetValue(name, out var q)) return null;
                var text = reader.String(q, $"{at}.{key}.{name}");
                if (text is not null && !KubernetesNames.IsQuantity(text))
                    reader.Error(q, $"{at}.{key}.{name}", $"'{text}' is not a Kubernetes quantity; write e.g. 250m or 1 (cpu), 512Mi or 1Gi (memory)");
                return text;
            }
            return new ResourceAmounts(Quantity("cpu"), Quantity("memory"));
        }
        return new ResourceSpec(Amounts("requests"), Amounts("limits"));
    }

    SecuritySpec ReadSecurity(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["runAsNonRoot", "runAsUser", "runAsGroup", "fsGroup", "readOnlyRootFilesystem"]);
        if (fields is null) return SecuritySpec.ImageDefault;
        long? Id(string key) => fields.TryGetValue(key, out var v) ? reader.Long(v, $"{at}.{key}", 0) : null;
        bool Flag(string key) => fields.TryGetValue(key, out var v) && (reader.Bool(v, $"{at}.{key}") ?? false);
        var security = new SecuritySpec(Flag("runAsNonRoot"), Id("runAsUser"), Id("runAsGroup"), Id("fsGroup"), Flag("readOnlyRootFilesystem"));
        if (security is { RunAsNonRoot: true, RunAsUser: 0 })
            reader.Error(fields["runAsUser"], $"{at}.runAsUser", "runAsUser 0 is root, which contradicts runAsNonRoot: true");
        return security;
    }

    PublicEndpoint? ReadPublic(YamlNode node, string at)
    {
        var fields = reader.Fields(node, at, ["port", "paths", "hosts"], "port");
        if (fields is null) return null;
        var port = fields.TryGetValue("port", out var p) ? reader.Int(p, $"{at}.port", 1, 65535) : null;
        var paths = fields.TryGetValue("paths", out var ps) ? reader.StringList(ps, $"{at}.paths") : ["/"];
        for (var i = 0; i < paths.Count; i++)
            if (!paths[i].StartsWith('/')) reader.ErrorAt($"{at}.paths[{i}]", $"'{paths[i]}' must start with '/', e.g. /{paths[i]}");
        var hosts = fields.TryGetValue("hosts", out var h) ? reader.StringList(h, $"{at}.hosts") : [];
        for (var i = 0; i < hosts.Count; i++)
            if (!KubernetesNames.IsDnsSubdomain(hosts[i])) reader.ErrorAt($"{at}.hosts[{i}]", $"'{hosts[i]}' is not a valid host name ({DnsNames.HostRule})");
        return port is null ? null : new PublicEndpoint(port.Value, paths.Count == 0 ? ["/"] : paths, hosts);
    }

    IReadOnlyList<string> Strings(IReadOnlyDictionary<string, YamlNode> fields, string key, string at) =>
        fields.TryGetValue(key, out var node) ? reader.StringList(node, $"{at}.{key}") : [];

    IReadOnlyDictionary<string, string> Substituted(IReadOnlyDictionary<string, string> values, string at) =>
        values.ToDictionary(kv => kv.Key, kv => substitute($"{at}.{kv.Key}", kv.Value), StringComparer.Ordinal);
}
