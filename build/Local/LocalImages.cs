using Docker.DotNet;

namespace Mooc.Local;

/// <summary>Image ids by reference, looked up once per apply: a rebuilt image under the same tag still counts as a change.</summary>
public sealed class LocalImages(DockerClient client)
{
    readonly Dictionary<string, string> _ids = [];

    public async Task<string> IdOfAsync(string reference, CancellationToken ct)
    {
        if (_ids.TryGetValue(reference, out var id)) return id;
        try
        {
            id = (await client.Images.InspectImageAsync(reference, ct)).ID;
        }
        catch (DockerImageNotFoundException e)
        {
            throw new InvalidOperationException($"Image '{reference}' is not on the local Docker engine. Build it with the Images target (or pull it), then deploy again.", e);
        }
        return _ids[reference] = id;
    }
}
