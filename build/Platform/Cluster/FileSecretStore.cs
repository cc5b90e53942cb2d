using System.Text.Json;
using Mooc.Build;

namespace Mooc.Platform.Cluster;

/// <summary>The local engine's secrets: .nuke/temp/secrets/&lt;deployment&gt;.json, owner-only (0600), never committed.</summary>
public sealed class FileSecretStore(string deployment) : ISecretStore
{
    public static string PathFor(string deployment) => System.IO.Path.Combine(RepositoryPaths.Temp, "secrets", deployment + ".json");

    public string Path { get; } = PathFor(deployment);
    public string Location => Path;

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(Path)) return new Dictionary<string, string>();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            return JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path, ct), ClusterJson.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{Path} is not a JSON object of secret names to values ({e.Message}). Fix it, or delete it to generate new secrets (then purge the deployment's volumes: the database keeps the old passwords).", e);
        }
    }

    /// <summary>Writes to a private temporary file first and renames it, so an interrupted run never leaves half a file.</summary>
    public async Task WriteAsync(IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, ownerOnly | UnixFileMode.UserExecute);

        var temporary = Path + $".{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerOnly;
        try
        {
            await using (var stream = new FileStream(temporary, options))
                await JsonSerializer.SerializeAsync(stream, new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal), ClusterJson.Default.SortedDictionaryStringString, ct);
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task DeleteAsync(CancellationToken ct)
    {
        if (File.Exists(Path)) File.Delete(Path);
        return Task.CompletedTask;
    }
}
