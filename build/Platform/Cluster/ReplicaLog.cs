using System.Globalization;

namespace Mooc.Platform.Cluster;

/// <summary>What part of the logs to read: only lines after <see cref="Since"/>, the last <see cref="Tail"/> of each replica, and, with <see cref="Follow"/>, new lines until cancelled.</summary>
public sealed record LogOptions(bool Follow = false, DateTimeOffset? Since = null, int? Tail = null);

/// <summary>One replica's log (a container's or a pod's), named as the engine names the replica.</summary>
public sealed record ReplicaLog(string Replica, IAsyncEnumerable<LogLine> Lines);

/// <summary>A log line with the time the engine recorded it (what interleaves replicas' lines).</summary>
public sealed record LogLine(DateTimeOffset Time, string Text)
{
    /// <summary>
    /// A line as Docker and the kubelet write it when asked for timestamps: RFC 3339 with up to nine
    /// fraction digits, a space, the text. A line without one keeps the time of the line before.
    /// </summary>
    public static LogLine Parse(string line, DateTimeOffset previous)
    {
        var space = line.IndexOf(' ');
        var stamp = space < 0 ? line : line[..space];
        // .NET reads at most seven fraction digits; the engines write nine.
        var dot = stamp.IndexOf('.');
        if (dot > 0 && stamp.EndsWith('Z') && stamp.Length - dot - 2 > 7) stamp = stamp[..(dot + 8)] + "Z";
        return DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? new LogLine(time, space < 0 ? "" : line[(space + 1)..])
            : new LogLine(previous, line);
    }
}
