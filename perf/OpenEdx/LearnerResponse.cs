using System.Net;

namespace Mooc.Perf.OpenEdx;

/// <summary>
/// What one learner request got back. <see cref="Problem"/> is null when the answer is what the
/// learner flow needs to continue (status and content), otherwise it says what was wrong.
/// Byte counts include the status line and headers, as JMeter counts them.
/// </summary>
public sealed record LearnerResponse(
    string Method,
    string Path,
    HttpStatusCode StatusCode,
    string Body,
    string FinalPath,
    long BytesSent,
    long BytesReceived,
    string? Problem)
{
    public bool Ok => Problem is null;

    public int Status => (int)StatusCode;

    /// <summary>This response, marked as not what the flow needs.</summary>
    public LearnerResponse WithProblem(string problem) => this with { Problem = $"{Method} {Path} answered {Status}: {problem}" };
}
