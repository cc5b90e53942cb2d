using Mooc.Build;
using Mooc.Platform.Loading;
using Mooc.Platform.Model;

namespace Mooc.Platform.Validation;

/// <summary>Checks what single fields cannot: names unique, references resolve (dependencies, secrets, ports, services of steps), no cycles, volumes consistent.</summary>
/// <param name="recipes">The recipes under images/, when known: a service's recipe must be one of them.</param>
sealed class PlatformValidator(YamlNodeReader reader, IReadOnlySet<string>? recipes = null)
{
    public void Validate(PlatformDefinition platform)
    {
        Unique(platform.Services.Select(s => s.Name), name => $"services[{name}].name", "service");
        Unique(platform.Secrets.Select(s => s.Name), name => $"secrets[{name}].name", "secret");
        Unique(platform.Migrations.Select(m => m.Name), name => $"migrations[{name}].name", "migration step");
        Unique(platform.SmokeChecks.Select(c => c.Name), name => $"smoke[{name}].name", "smoke check");

        if (recipes is not null)
            foreach (var service in platform.Services.Where(s => s.Image.Recipe is { } recipe && !recipes.Contains(recipe)))
                reader.ErrorAt($"services[{service.Name}].recipe",
                    $"recipe '{service.Image.Recipe}' does not exist (no images/{service.Image.Recipe}/image.yaml)" +
                    (Suggestions.Closest(service.Image.Recipe!, recipes) is { } best ? $" (did you mean '{best}'?)" : "") +
                    $"; recipes: {string.Join(", ", recipes.Order(StringComparer.Ordinal))}");

        var services = platform.Services.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());
        var secrets = platform.Secrets.Select(s => s.Name).ToHashSet();
        foreach (var service in platform.Services) ValidateService(service, services, secrets);

        foreach (var cycle in DependencyOrder.FindCycles(platform.Services))
            reader.ErrorAt($"services[{cycle[0]}].dependsOn", $"dependency cycle: {string.Join(" -> ", cycle)}; remove one of these dependencies");

        ValidateVolumes(platform);
        ValidateNamesDoNotCollide(platform);

        var publicServices = platform.EnabledServices.Where(s => s.Public is not null).ToList();
        foreach (var extra in publicServices.Skip(1))
            reader.ErrorAt($"services[{extra.Name}].public", $"only one service can be the public entry; '{publicServices[0].Name}' already is");

        foreach (var step in platform.Migrations.Where(m => !services.ContainsKey(m.Service)))
            reader.ErrorAt($"migrations[{step.Name}].service", $"service '{step.Service}' does not exist; services: {string.Join(", ", services.Keys)}");

        foreach (var step in platform.Migrations)
            for (var i = 0; i < step.Requires.Count; i++)
                if (!services.ContainsKey(step.Requires[i]))
                    reader.ErrorAt($"migrations[{step.Name}].requires[{i}]", $"service '{step.Requires[i]}' does not exist; services: {string.Join(", ", services.Keys)}");

        if (platform.TestDataCleanup is { } cleanup && !services.ContainsKey(cleanup.Service))
            reader.ErrorAt("testDataCleanup.service", $"service '{cleanup.Service}' does not exist; services: {string.Join(", ", services.Keys)}");

        foreach (var check in platform.SmokeChecks.Where(c => c.Kind == SmokeCheckKind.Http && c.Path is null))
            reader.ErrorAt($"smoke[{check.Name}].path", "an http check needs a path");
    }

    void ValidateService(ServiceDefinition service, IReadOnlyDictionary<string, ServiceDefinition> services, HashSet<string> secrets)
    {
        var at = $"services[{service.Name}]";
        Unique(service.Ports.Select(p => p.Name), _ => $"{at}.ports", "port name");
        Unique(service.Ports.Select(p => p.ContainerPort.ToString()), _ => $"{at}.ports", "port number");
        Unique(service.Volumes.Select(v => v.Name), _ => $"{at}.volumes", "volume");
        Unique(service.Volumes.Select(v => v.MountPath), _ => $"{at}.volumes", "mount path");

        foreach (var name in service.Env.Keys.Concat(service.SecretEnv.Keys).Where(n => !KubernetesNames.IsEnvName(n)))
            reader.ErrorAt(EnvField(service, name), $"'{name}' is not a valid environment variable name ({KubernetesNames.EnvNameRule})");
        foreach (var name in service.SecretEnv.Keys.Where(service.Env.ContainsKey))
            reader.ErrorAt($"{at}.secretEnv.{name}", $"'{name}' is set in both env and secretEnv; keep one");
        foreach (var (name, secret) in service.SecretEnv.Where(kv => !secrets.Contains(kv.Value)))
            reader.ErrorAt($"{at}.secretEnv.{name}", $"secret '{secret}' is not declared; add it under secrets: (declared: {(secrets.Count == 0 ? "none" : string.Join(", ", secrets))})");

        for (var i = 0; i < service.DependsOn.Count; i++)
        {
            var dependency = service.DependsOn[i];
            var field = $"{at}.dependsOn[{i}]";
            if (dependency == service.Name) reader.ErrorAt(field, $"'{service.Name}' depends on itself; remove it");
            else if (!services.TryGetValue(dependency, out var target))
                reader.ErrorAt(field, $"service '{dependency}' does not exist; services: {string.Join(", ", services.Keys)}");
            else if (service.Enabled && !target.Enabled)
                reader.ErrorAt(field, $"'{service.Name}' is enabled but depends on '{dependency}', which is disabled; enable '{dependency}' or disable '{service.Name}'");
        }

        var ports = service.Ports.Select(p => p.ContainerPort).ToHashSet();
        string Declared() => ports.Count == 0 ? "none" : string.Join(", ", ports.Order());
        foreach (var (kind, probe) in new[] { ("readiness", service.Probes.Readiness), ("liveness", service.Probes.Liveness), ("startup", service.Probes.Startup) })
        {
            var port = probe?.Action switch { HttpProbe h => h.Port, TcpProbe t => t.Port, _ => (int?)null };
            if (port is { } p && !ports.Contains(p))
                reader.ErrorAt($"{at}.probes.{kind}", $"probes port {p}, which is not among {service.Name}'s ports ({Declared()}); declare it under ports");
        }
        if (service.Public is { } entry && !ports.Contains(entry.Port))
            reader.ErrorAt($"{at}.public.port", $"port {entry.Port} is not among {service.Name}'s ports ({Declared()})");

        if (service.Replicas > 1 && service.Volumes.FirstOrDefault(v => v is { IsClaim: true, AccessMode: VolumeAccessMode.ReadWriteOnce }) is { } single)
            reader.ErrorAt($"{at}.replicas", $"{service.Replicas} replicas cannot share the ReadWriteOnce volume '{single.Name}'; use 1 replica or accessMode: ReadWriteMany");
        if (service.Kind == ServiceKind.Stateful && service.Replicas > 1)
            reader.ErrorAt($"{at}.replicas", "a stateful service runs one replica (its data lives in one claim); use replicas: 1");
        if (service.Kind == ServiceKind.Stateful && !KubernetesNames.IsDnsLabel(KubernetesNames.GoverningService(service.Name)))
            reader.ErrorAt($"{at}.name", $"a stateful service's headless Service is '{KubernetesNames.GoverningService(service.Name)}', longer than a Service name may be ({KubernetesNames.DnsLabelRule}); shorten the name");
    }

    /// <summary>
    /// A claim's name is one claim: services may share it only as ReadWriteMany with the same size. A pod-local volume
    /// belongs to its pod, so its name may repeat in other services, but not as another service's claim.
    /// </summary>
    void ValidateVolumes(PlatformDefinition platform)
    {
        foreach (var group in platform.Services.SelectMany(s => s.Volumes.Select(v => (Service: s, Volume: v))).GroupBy(x => x.Volume.Name))
        {
            var first = group.FirstOrDefault(x => x.Volume.IsClaim);
            if (first.Volume is null) continue;
            foreach (var other in group.Where(o => o.Service != first.Service))
            {
                if (!other.Volume.IsClaim)
                    reader.ErrorAt($"services[{other.Service.Name}].volumes", $"volume '{group.Key}' is a claim of '{first.Service.Name}' but a {YamlNodeReader.KebabCase(other.Volume.Type)} volume here; give it another name");
                else if (other.Volume.AccessMode != VolumeAccessMode.ReadWriteMany || first.Volume.AccessMode != VolumeAccessMode.ReadWriteMany)
                    reader.ErrorAt($"services[{other.Service.Name}].volumes", $"volume '{group.Key}' is also used by '{first.Service.Name}'; a shared claim needs accessMode: ReadWriteMany in both, or give it another name");
                else if (other.Volume.Size != first.Volume.Size)
                    reader.ErrorAt($"services[{other.Service.Name}].volumes", $"shared volume '{group.Key}' is {other.Volume.Size} here but {first.Volume.Size} in '{first.Service.Name}'; use one size");
            }
        }
    }

    /// <summary>Aliases become Services or host names in the cluster: they must not clash with each other or with service names.</summary>
    void ValidateNamesDoNotCollide(PlatformDefinition platform)
    {
        var owners = platform.Services.DistinctBy(s => s.Name).ToDictionary(s => s.Name, s => s.Name, StringComparer.Ordinal);
        foreach (var stateful in platform.Services.Where(s => s.Kind == ServiceKind.Stateful))
            if (!owners.TryAdd(KubernetesNames.GoverningService(stateful.Name), stateful.Name))
                reader.ErrorAt($"services[{stateful.Name}].name", $"'{KubernetesNames.GoverningService(stateful.Name)}' names the headless Service of '{stateful.Name}' and also another service; rename one");
        foreach (var service in platform.Services)
        {
            for (var i = 0; i < service.Aliases.Count; i++)
            {
                var alias = service.Aliases[i];
                var field = $"services[{service.Name}].aliases[{i}]";
                if (service.Ports.Count == 0)
                    reader.ErrorAt(field, $"'{service.Name}' has no ports, so '{alias}' would lead nowhere; declare its ports or remove the alias");
                else if (!KubernetesNames.IsHostName(alias))
                    reader.ErrorAt(field, $"'{alias}' is not a valid host name (lowercase letters, digits, '-', '_' and '.')");
                else if (!owners.TryAdd(alias, service.Name))
                    reader.ErrorAt(field, $"'{alias}' already names '{owners[alias]}'; each host name belongs to one service");
            }
        }
    }

    /// <summary>A name given twice is reported where it is given the last time (the field remembered last).</summary>
    void Unique(IEnumerable<string> names, Func<string, string> field, string what)
    {
        foreach (var duplicate in names.GroupBy(n => n).Where(g => g.Count() > 1))
            reader.ErrorAt(field(duplicate.Key), $"duplicate {what} name: '{duplicate.Key}' is declared {duplicate.Count()} times; names must be unique");
    }

    static string EnvField(ServiceDefinition service, string name) =>
        service.Env.ContainsKey(name) ? $"services[{service.Name}].env.{name}" : $"services[{service.Name}].secretEnv.{name}";
}
