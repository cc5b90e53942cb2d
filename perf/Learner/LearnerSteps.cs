using Mooc.Perf.Engine;
using Mooc.Perf.OpenEdx;

namespace Mooc.Perf.Learner;

/// <summary>Turns a learner's HTTP answer into a step response: status failures vs. wrong content.</summary>
internal static class LearnerSteps
{
    public static Response ToResponse(LearnerResponse response) =>
        response.Ok
            ? Response.Ok(response.Status, response.BytesReceived, response.BytesSent)
            : Response.Fail(response.Status, response.Problem ?? "", response.BytesReceived, response.BytesSent);

    /// <summary>The problem_check answer is only right when it scores full marks.</summary>
    public static Response ToScoredResponse(LearnerResponse response)
    {
        if (!response.Ok)
        {
            return ToResponse(response);
        }
        var result = ProblemCheckResult.TryParse(response.Body);
        return result is { FullMarks: true }
            ? Response.Ok(response.Status, response.BytesReceived, response.BytesSent)
            : Response.Fail(response.Status, $"problem_check scored {result?.CurrentScore} of {result?.TotalPossible} with the correct answers",
                response.BytesReceived, response.BytesSent, FailureKind.WrongContent);
    }

    /// <summary>A page the flow reached only if no redirect took it elsewhere (e.g. to the login page).</summary>
    public static LearnerResponse RequireFinalPath(LearnerResponse response, string expectedPrefix) =>
        response.Ok && !response.FinalPath.StartsWith(expectedPrefix, StringComparison.Ordinal)
            ? response.WithProblem($"ended at {response.FinalPath} instead of {expectedPrefix}")
            : response;
}
