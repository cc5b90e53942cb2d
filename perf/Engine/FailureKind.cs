namespace Mooc.Perf.Engine;

/// <summary>Why a step failed, so a report separates a slow server from a broken one.</summary>
public enum FailureKind
{
    /// <summary>The server answered with a status the flow cannot continue from.</summary>
    Status,
    /// <summary>No answer within the request timeout.</summary>
    Timeout,
    /// <summary>Nothing listened on the port.</summary>
    ConnectionRefused,
    /// <summary>Any other transport failure (reset, DNS, TLS).</summary>
    Connection,
    /// <summary>A 2xx answer whose content is not what the flow needs (JSON success, score).</summary>
    WrongContent,
    /// <summary>The step code itself threw.</summary>
    Exception,
}
