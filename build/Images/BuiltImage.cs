namespace Mooc.Images;

/// <summary>
/// One recipe's image. <see cref="Reference"/> is what manifests and containers should use: the pushed
/// name with a registry, else the local tag.
/// </summary>
public sealed record BuiltImage(
    string Recipe,
    string LocalTag,
    string? PushedReference,
    string Id,
    string Hash,
    bool Built,
    TimeSpan Duration)
{
    public string Reference => PushedReference ?? LocalTag;
}
