using System.Text.RegularExpressions;

namespace Mooc.Build;

/// <summary>
/// DNS names as Kubernetes and Docker check them: one definition for the parameter rules here and
/// for the platform's naming rules (Mooc.Platform.Validation.KubernetesNames).
/// </summary>
public static partial class DnsNames
{
    public const string LabelRule = "lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters";

    public const string HostRule = "lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters";

    /// <summary>RFC 1035 label: what Service names, deployment names and our service names must be.</summary>
    public static bool IsLabel(string name) => name.Length is > 0 and <= 63 && Label().IsMatch(name);

    /// <summary>RFC 1123 subdomain: a host name, an ingress host, a storage class.</summary>
    public static bool IsSubdomain(string name) =>
        name.Length is > 0 and <= 253 && name.Split('.').All(p => p.Length <= 63 && Rfc1123Label().IsMatch(p));

    /// <summary>Lowercase, non-letters become '-', a leading digit gets a prefix: the label to suggest for a bad name.</summary>
    public static string Normalise(string name)
    {
        var lowered = NotLabelCharacter().Replace(name.ToLowerInvariant(), "-").Trim('-');
        var label = lowered.Length > 63 ? lowered[..63].TrimEnd('-') : lowered;
        return label.Length > 0 && char.IsAsciiDigit(label[0]) ? "x-" + label : label;
    }

    public const string LabelPattern = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    public const string SubdomainPattern = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    [GeneratedRegex(LabelPattern)]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Rfc1123Label();

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotLabelCharacter();
}
