namespace Mooc.Local;

/// <summary>Kubernetes resource quantities ("500m", "1", "512Mi", "1G") as Docker's nano-CPUs and bytes.</summary>
public static class Quantities
{
    static readonly (string Suffix, double Factor)[] ByteSuffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
    ];

    public static long NanoCpus(string? quantity, string service)
    {
        if (string.IsNullOrEmpty(quantity)) return 0;
        var cores = quantity.EndsWith('m') ? Number(quantity[..^1], quantity, service) / 1000 : Number(quantity, quantity, service);
        return (long)(cores * 1e9);
    }

    public static long Bytes(string? quantity, string service)
    {
        if (string.IsNullOrEmpty(quantity)) return 0;
        foreach (var (suffix, factor) in ByteSuffixes)
            if (quantity.EndsWith(suffix, StringComparison.Ordinal))
                return (long)(Number(quantity[..^suffix.Length], quantity, service) * factor);
        return (long)Number(quantity, quantity, service);
    }

    static double Number(string text, string quantity, string service) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidOperationException($"Service '{service}': resource quantity '{quantity}' is not a Kubernetes quantity such as 500m, 1, 512Mi or 1Gi.");
}
