using k8s.Models;

namespace Mooc.Kubernetes.Diagnosis;

/// <summary>A workload's <c>spec.selector</c> in the text form list calls take (<c>app=lms,tier in (web)</c>).</summary>
public static class LabelSelectorText
{
    public static string Of(V1LabelSelector selector)
    {
        var terms = (selector.MatchLabels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")
            .Concat((selector.MatchExpressions ?? []).Select(Expression))
            .ToList();
        // An empty selector selects everything; the pipeline never means that, and a namespace-wide list is what it must not do.
        return terms.Count > 0 ? string.Join(',', terms) : throw new ArgumentException("An empty label selector selects every pod in the namespace; a workload must name its pods' labels.", nameof(selector));
    }

    static string Expression(V1LabelSelectorRequirement requirement) => requirement.OperatorProperty switch
    {
        "In" => $"{requirement.Key} in ({string.Join(',', requirement.Values)})",
        "NotIn" => $"{requirement.Key} notin ({string.Join(',', requirement.Values)})",
        "Exists" => requirement.Key,
        "DoesNotExist" => "!" + requirement.Key,
        var other => throw new ArgumentException($"Label selector operator '{other}' on key '{requirement.Key}' is not one of In, NotIn, Exists, DoesNotExist."),
    };
}
