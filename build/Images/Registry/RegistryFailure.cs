using System.Text.RegularExpressions;

namespace Mooc.Images.Registry;

/// <summary>
/// Why a push or a pull failed, as the Docker engine said it, and whether trying again can help: a
/// registry that answered 5xx, timed out or refused the connection may answer the next time; one that
/// denied access or does not know the image will not.
/// </summary>
public sealed partial class RegistryFailure(string reason, int attempts) : Exception(reason)
{
    public string Reason => Message;

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts => attempts;

    public bool Transient => IsTransient(Message);

    /// <summary>
    /// Judged by the engine's text, the only account it gives. What is not known to be transient counts as
    /// permanent: a typo in a host name ("no such host") should fail at once, not after a minute of retries.
    /// </summary>
    public static bool IsTransient(string reason) => !Permanent().IsMatch(reason) && TransientPattern().IsMatch(reason);

    // 4xx answers from the registry as the engine words them; 429 included: a rate limit lasts longer than a retry waits.
    [GeneratedRegex(@"denied|unauthorized|authentication required|no basic auth credentials|forbidden|manifest unknown|name unknown|not found|does not exist|toomanyrequests|status: 4\d\d", RegexOptions.IgnoreCase)]
    private static partial Regex Permanent();

    [GeneratedRegex(@"status:? 5\d\d|\b50[0-4] (Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout)|timeout|timed out|connection refused|connection reset|broken pipe|\bEOF\b|temporary failure", RegexOptions.IgnoreCase)]
    private static partial Regex TransientPattern();
}
