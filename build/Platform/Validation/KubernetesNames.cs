using System.Text.RegularExpressions;
using Mooc.Build;

namespace Mooc.Platform.Validation;

/// <summary>
/// Kubernetes' naming rules. Names are rejected, not silently rewritten: a platform file shows the name the cluster
/// will show. The error suggests the normalised name ('.' and '_' become '-', lowercase), and a host name the images
/// expect with dots in it (edx.devstack.mysql) goes in the service's aliases instead.
/// </summary>
public static partial class KubernetesNames
{
    /// <summary>RFC 1035 label: what Service names (and so our service names) must be.</summary>
    public static bool IsDnsLabel(string name) => DnsNames.IsLabel(name);

    /// <summary>The headless Service a stateful service's StatefulSet names as its serviceName (gives its pods stable DNS names).</summary>
    public static string GoverningService(string service) => $"{service}-headless";

    /// <summary>IANA service name: what container port names must be.</summary>
    public static bool IsPortName(string name) =>
        name.Length is > 0 and <= 15 && PortName().IsMatch(name) && !name.Contains("--") && name.Any(char.IsAsciiLetterLower);

    /// <summary>RFC 1123 subdomain: what a host alias or ingress host must be.</summary>
    public static bool IsDnsSubdomain(string name) => DnsNames.IsSubdomain(name);

    /// <summary>A name for /etc/hosts or a Docker network alias: like a subdomain, '_' allowed (devstack's edx.devstack.edx_notes_api).</summary>
    public static bool IsHostName(string name) => name.Length is > 0 and <= 253 && name.Split('.').All(p => p.Length <= 63 && HostLabel().IsMatch(p));

    public static bool IsEnvName(string name) => EnvName().IsMatch(name);

    public const string EnvNameRule = "letters, digits and '_', not starting with a digit";

    /// <summary>Kubernetes quantity such as 5Gi, 512Mi, 250m, 1.</summary>
    public static bool IsQuantity(string text) => Quantity().IsMatch(text);

    /// <summary>The DNS label a name would normalise to, for error messages.</summary>
    public static string Normalise(string name) => DnsNames.Normalise(name);

    public static string DnsLabelRule => DnsNames.LabelRule;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[a-z0-9]([-_a-z0-9]*[a-z0-9])?$")]
    private static partial Regex HostLabel();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex Quantity();
}
