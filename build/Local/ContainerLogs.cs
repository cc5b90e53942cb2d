using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Mooc.Local;

/// <summary>Reads a container's log (stdout and stderr, in the order written) as lines.</summary>
public static class ContainerLogs
{
    public static async Task<IReadOnlyList<string>> TailAsync(DockerClient client, string container, int lines, CancellationToken ct)
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = lines.ToString() };
        using var stream = await client.Containers.GetContainerLogsAsync(container, tty: false, parameters, ct);
        var collected = new List<string>();
        await ReadLinesAsync(stream, collected.Add, ct);
        return collected.TakeLast(lines).ToList();
    }

    /// <summary>Follows the log until the container stops, handing each line to <paramref name="onLine"/>.</summary>
    public static async Task FollowAsync(DockerClient client, string container, Action<string> onLine, CancellationToken ct)
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true };
        using var stream = await client.Containers.GetContainerLogsAsync(container, tty: false, parameters, ct);
        await ReadLinesAsync(stream, onLine, ct);
    }

    static async Task ReadLinesAsync(MultiplexedStream stream, Action<string> onLine, CancellationToken ct)
    {
        var buffer = new byte[16384];
        var pending = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[buffer.Length];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
            if (read.EOF) break;
            var count = decoder.GetChars(buffer, 0, read.Count, chars, 0);
            pending.Append(chars, 0, count);
            var text = pending.ToString();
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0) continue;
            foreach (var line in text[..lastNewline].Split('\n')) onLine(line.TrimEnd('\r'));
            pending.Clear().Append(text[(lastNewline + 1)..]);
        }
        if (pending.Length > 0) onLine(pending.ToString().TrimEnd('\r'));
    }
}
