namespace Mooc.Images.Building;

/// <summary>An image name split the way the engine reads it: [registry/]repository[:tag].</summary>
public sealed record ImageReference(string Repository, string Tag)
{
    public static ImageReference Parse(string reference)
    {
        var withoutDigest = reference.Split('@')[0];
        var colon = withoutDigest.LastIndexOf(':');
        return colon > withoutDigest.LastIndexOf('/') ? new(withoutDigest[..colon], withoutDigest[(colon + 1)..]) : new(withoutDigest, "latest");
    }

    /// <summary>The registry a pull goes to: the first part when it looks like a host, else Docker Hub.</summary>
    public string Registry
    {
        get
        {
            var first = Repository.Split('/')[0];
            return Repository.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost") ? first : "docker.io";
        }
    }

    public override string ToString() => $"{Repository}:{Tag}";
}
