namespace Mooc.Perf.Engine;

/// <summary>Why a step failed, so a report separates a slow server from a broken one.</summary>
public enum FailureKind
{
    /// <summary>The server answered 5xx: it is broken or overloaded.</summary>
    Http5xx,
    /// <summary>The server answered 4xx: the request was refused (a lost session, a CSRF check, a missing page).</summary>
    Http4xx,
    /// <summary>No answer within the request timeout.</summary>
    Timeout,
    /// <summary>Nothing listened on the port.</summary>
    ConnectionRefused,
    /// <summary>Any other transport failure (reset, DNS, TLS).</summary>
    Connection,
    /// <summary>An answer the scenario's check rejected: content not what the flow needs (JSON success, score), or an unexpected status below 400.</summary>
    WrongContent,
    /// <summary>The step code itself threw.</summary>
    Exception,
}
