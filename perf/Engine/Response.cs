namespace Mooc.Perf.Engine;

/// <summary>The outcome of one step, as NBomber's Response: ok or failed, with status and sizes.</summary>
public sealed record Response(bool IsError, int StatusCode, long SizeBytes, long SentBytes, FailureKind? Kind, string Message)
{
    public static Response Ok(int statusCode = 200, long sizeBytes = 0, long sentBytes = 0) =>
        new(false, statusCode, sizeBytes, sentBytes, null, "");

    /// <summary>A failure; without a kind, a status of 400 or more is a status failure, anything else wrong content.</summary>
    public static Response Fail(int statusCode = 0, string message = "", long sizeBytes = 0, long sentBytes = 0, FailureKind? kind = null) =>
        new(true, statusCode, sizeBytes, sentBytes, kind ?? (statusCode >= 400 ? FailureKind.Status : FailureKind.WrongContent), message);
}
