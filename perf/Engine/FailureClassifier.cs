using System.Net.Http;
using System.Net.Sockets;

namespace Mooc.Perf.Engine;

/// <summary>Turns an exception thrown by step code into a failed <see cref="Response"/> of the right kind.</summary>
internal static class FailureClassifier
{
    public static Response ToResponse(Exception exception) =>
        Response.Fail(message: $"{exception.GetType().Name}: {exception.Message}", kind: KindOf(exception));

    private static FailureKind KindOf(Exception exception)
    {
        if (exception is TimeoutException || exception.InnerException is TimeoutException)
        {
            return FailureKind.Timeout;
        }
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return FailureKind.ConnectionRefused;
            }
        }
        return exception is HttpRequestException or IOException or SocketException
            ? FailureKind.Connection
            : FailureKind.Exception;
    }
}
