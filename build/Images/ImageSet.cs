using System.Collections;

namespace Mooc.Images;

/// <summary>The images of a build by recipe name, and the mapping manifests need from "mooc/&lt;recipe&gt;" to the built name.</summary>
public sealed class ImageSet(IReadOnlyDictionary<string, BuiltImage> images, string imageNamespace = "mooc") : IReadOnlyDictionary<string, BuiltImage>
{
    /// <summary>
    /// The image to run for a name as written in a rendered manifest: "mooc/lms" (no tag) becomes the
    /// built reference; any other name is returned unchanged.
    /// </summary>
    public string Resolve(string manifestImage)
    {
        var prefix = imageNamespace + "/";
        if (!manifestImage.StartsWith(prefix, StringComparison.Ordinal)) return manifestImage;
        var recipe = manifestImage[prefix.Length..].Split(':')[0];
        return images.TryGetValue(recipe, out var image) ? image.Reference : manifestImage;
    }

    public BuiltImage this[string key] => images.TryGetValue(key, out var image) ? image
        : throw new KeyNotFoundException($"No image was built for recipe '{key}'. Built: {string.Join(", ", images.Keys.Order())}.");

    public IEnumerable<string> Keys => images.Keys;
    public IEnumerable<BuiltImage> Values => images.Values;
    public int Count => images.Count;
    public bool ContainsKey(string key) => images.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out BuiltImage value) => images.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, BuiltImage>> GetEnumerator() => images.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
