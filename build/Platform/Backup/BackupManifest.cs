using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mooc.Platform.Backup;

/// <summary>
/// manifest.json at the top of a backup archive: what it was taken from and what it holds, so a
/// restore can refuse an archive of another platform and say what differs.
/// </summary>
/// <param name="Images">Service to image, as the pipeline resolved them when the backup was taken.</param>
/// <param name="Migrations">The engine's marker of the last successful migration run on the data (a fingerprint of the steps, images and environment), if any.</param>
/// <param name="Schema">Per database: each Django app's latest applied migration (from django_migrations), the schema's version.</param>
/// <param name="Databases">Database service to the databases its dump holds.</param>
/// <param name="Volumes">Claim to the service it was archived from.</param>
public sealed record BackupManifest(
    int Format,
    string Platform,
    string Deployment,
    DateTimeOffset Created,
    string Reason,
    IReadOnlyDictionary<string, string> Images,
    string? Migrations,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Schema,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Databases,
    IReadOnlyDictionary<string, string> Volumes)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BackupManifest Read(string path, string archive)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"{archive} holds no {FileName}: it is not a backup made by './build.sh Backup'.");
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidOperationException($"{archive}: {FileName} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{archive}: {FileName} is not a backup manifest ({e.Message}).", e);
        }
    }
}
