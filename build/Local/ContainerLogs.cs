using System.Runtime.CompilerServices;
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
        var collected = new List<string>();
        await foreach (var line in LinesAsync(client, container, parameters, ct)) collected.Add(line);
        return collected.TakeLast(lines).ToList();
    }

    /// <summary>Follows the log until the container stops, handing each line to <paramref name="onLine"/>.</summary>
    public static async Task FollowAsync(DockerClient client, string container, Action<string> onLine, CancellationToken ct)
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true };
        await foreach (var line in LinesAsync(client, container, parameters, ct)) onLine(line);
    }

    /// <summary>The log's lines as Docker sends them for <paramref name="parameters"/> (stdout and stderr always shown), read as they arrive.</summary>
    public static async IAsyncEnumerable<string> LinesAsync(DockerClient client, string container, ContainerLogsParameters parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        parameters.ShowStdout = true;
        parameters.ShowStderr = true;
        using var stream = await client.Containers.GetContainerLogsAsync(container, tty: false, parameters, ct);
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
            foreach (var line in text[..lastNewline].Split('\n')) yield return line.TrimEnd('\r');
            pending.Clear().Append(text[(lastNewline + 1)..]);
        }
        if (pending.Length > 0) yield return pending.ToString().TrimEnd('\r');
    }
}
