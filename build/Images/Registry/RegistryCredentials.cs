using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using Mooc.Build;

namespace Mooc.Images.Registry;

/// <summary>Credentials for a registry: the secret parameter ("user:password") when given, else the entry in ~/.docker/config.json, else none.</summary>
static class RegistryCredentials
{
    public static AuthConfig For(string registry, string? secret)
    {
        if (secret is { Length: > 0 })
            return FromPair(registry, secret, "the registry credentials parameter");
        var configFile = Path.Combine(Environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker"), "config.json");
        if (!File.Exists(configFile)) return new AuthConfig { ServerAddress = registry };
        using var config = JsonDocument.Parse(File.ReadAllText(configFile));
        if (config.RootElement.TryGetProperty("auths", out var auths)
            && auths.TryGetProperty(registry, out var entry)
            && entry.TryGetProperty("auth", out var auth)
            && auth.GetString() is { Length: > 0 } encoded)
            return FromPair(registry, Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), configFile);
        return new AuthConfig { ServerAddress = registry };
    }

    static AuthConfig FromPair(string registry, string pair, string origin)
    {
        var colon = pair.IndexOf(':');
        if (colon <= 0) throw new InvalidOperationException($"The credentials for registry {registry} from {origin} are not in the form user:password.");
        var password = pair[(colon + 1)..];
        SecretMaskingWriter.Register(password);
        return new AuthConfig { Username = pair[..colon], Password = password, ServerAddress = registry };
    }
}
