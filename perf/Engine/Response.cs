namespace Mooc.Perf.Engine;

/// <summary>The outcome of one step, as NBomber's Response: ok or failed, with status and sizes.</summary>
public sealed record Response(bool IsError, int StatusCode, long SizeBytes, long SentBytes, FailureKind? Kind, string Message)
{
    // Every iteration of a scenario ends with Response.Ok(); a record is immutable, so one instance serves them all.
    private static readonly Response PlainOk = new(false, 200, 0, 0, null, "");

    public static Response Ok(int statusCode = 200, long sizeBytes = 0, long sentBytes = 0) =>
        statusCode == 200 && sizeBytes == 0 && sentBytes == 0 ? PlainOk : new(false, statusCode, sizeBytes, sentBytes, null, "");

    /// <summary>A failure; without a kind, a status of 500 or more is <see cref="FailureKind.Http5xx"/>, of 400 or more <see cref="FailureKind.Http4xx"/>, anything else wrong content.</summary>
    public static Response Fail(int statusCode = 0, string message = "", long sizeBytes = 0, long sentBytes = 0, FailureKind? kind = null) =>
        new(true, statusCode, sizeBytes, sentBytes, kind ?? KindOf(statusCode), message);

    private static FailureKind KindOf(int statusCode) => statusCode switch
    {
        >= 500 => FailureKind.Http5xx,
        >= 400 => FailureKind.Http4xx,
        _ => FailureKind.WrongContent,
    };
}
