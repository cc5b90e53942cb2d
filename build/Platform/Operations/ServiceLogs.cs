using System.Threading.Channels;
using Mooc.Platform.Cluster;

namespace Mooc.Platform.Operations;

/// <summary>
/// The Logs target: the replicas' logs as one stream, each line prefixed with its replica. Read to
/// the end, the lines interleave by their recorded time (a merge of the replicas' streams, nothing
/// held beyond one line each); followed, they print as they come.
/// </summary>
public static class ServiceLogs
{
    public static async Task<int> PrintAsync(IClusterEngine engine, ClusterDeployment deployment, IReadOnlyCollection<string>? services, LogOptions options, Action<string> write, CancellationToken ct)
    {
        var logs = await engine.OpenLogsAsync(deployment, services, options, ct);
        if (logs.Count == 0)
            throw new InvalidOperationException($"Deployment '{deployment.Name}' has no replicas of {(services is null ? "any service" : string.Join(", ", services))} on the {engine.Description}. Is it deployed? ('./build.sh Deploy --deployment {deployment.Name}')");
        var width = logs.Max(l => l.Replica.Length);
        var lines = options.Follow ? AsTheyComeAsync(logs, ct) : ByTimeAsync(logs, ct);
        var count = 0;
        await foreach (var (replica, line) in lines.WithCancellation(ct))
        {
            write($"{replica.PadRight(width)} | {line.Text}");
            count++;
        }
        return count;
    }

    /// <summary>A k-way merge: each replica's log is in time order, so the earliest head is the next line.</summary>
    public static async IAsyncEnumerable<(string Replica, LogLine Line)> ByTimeAsync(IReadOnlyList<ReplicaLog> logs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var readers = logs.Select(l => (l.Replica, Lines: l.Lines.GetAsyncEnumerator(ct))).ToList();
        try
        {
            var heads = new PriorityQueue<int, (DateTimeOffset, int)>();
            for (var i = 0; i < readers.Count; i++)
                if (await readers[i].Lines.MoveNextAsync()) heads.Enqueue(i, (readers[i].Lines.Current.Time, i));
            while (heads.TryDequeue(out var next, out _))
            {
                yield return (readers[next].Replica, readers[next].Lines.Current);
                if (await readers[next].Lines.MoveNextAsync()) heads.Enqueue(next, (readers[next].Lines.Current.Time, next));
            }
        }
        finally
        {
            foreach (var reader in readers) await reader.Lines.DisposeAsync();
        }
    }

    static async IAsyncEnumerable<(string Replica, LogLine Line)> AsTheyComeAsync(IReadOnlyList<ReplicaLog> logs, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var channel = Channel.CreateBounded<(string, LogLine)>(1000);
        var pumps = logs.Select(async log =>
        {
            await foreach (var line in log.Lines.WithCancellation(ct)) await channel.Writer.WriteAsync((log.Replica, line), ct);
        }).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(done => channel.Writer.TryComplete(done.Exception?.GetBaseException()), TaskScheduler.Default);
        await foreach (var item in channel.Reader.ReadAllAsync(ct)) yield return item;
    }
}
