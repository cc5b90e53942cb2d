using System.Globalization;

namespace Mooc.Perf.Reports;

/// <summary>RFC 4180 fields with invariant numbers.</summary>
internal static class Csv
{
    public static string Line(params object[] fields) => string.Join(',', fields.Select(Field));

    private static string Field(object value)
    {
        var text = value switch
        {
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
