using System.Collections.Concurrent;

namespace Mooc.Perf.Learner;

/// <summary>Every write the platform acknowledged during a run, recorded by the learner scenario as the answers come, so they can be looked for in the database afterwards.</summary>
public sealed class WriteJournal
{
    private readonly ConcurrentQueue<AcknowledgedWrite> _writes = new();

    public void Record(AcknowledgedWrite write) => _writes.Enqueue(write);

    public IReadOnlyList<AcknowledgedWrite> Writes => _writes.ToArray();
}
