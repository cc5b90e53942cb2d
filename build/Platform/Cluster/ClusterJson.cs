using System.Text.Json.Serialization;

namespace Mooc.Platform.Cluster;

/// <summary>Source-generated JSON for the files this folder keeps: no reflection, so it also works trimmed and costs nothing at start.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class ClusterJson : JsonSerializerContext;
