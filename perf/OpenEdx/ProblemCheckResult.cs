using System.Text.Json;

namespace Mooc.Perf.OpenEdx;

/// <summary>The graded answer of a problem_check, as Open edX returns it.</summary>
public sealed record ProblemCheckResult(string Success, double CurrentScore, double TotalPossible, int AttemptsUsed)
{
    public bool FullMarks => TotalPossible > 0 && CurrentScore >= TotalPossible;

    /// <summary>Reads the problem_check JSON; null when the body is not that JSON.</summary>
    public static ProblemCheckResult? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("current_score", out var score)
                || !root.TryGetProperty("total_possible", out var total))
            {
                return null;
            }
            var success = root.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? "" : "";
            var attempts = root.TryGetProperty("attempts_used", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : 0;
            return new ProblemCheckResult(success, score.GetDouble(), total.GetDouble(), attempts);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
