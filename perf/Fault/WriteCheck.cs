using Mooc.Perf.Learner;

namespace Mooc.Perf.Fault;

/// <summary>The acknowledged writes of a run against what the database holds afterwards, per kind; any acknowledged write missing is data lost.</summary>
public sealed record WriteCheck(IReadOnlyList<WriteCount> Counts, IReadOnlyList<AcknowledgedWrite> Missing)
{
    public bool NothingLost => Missing.Count == 0;

    public static WriteCheck Of(IReadOnlyCollection<AcknowledgedWrite> acknowledged, IReadOnlyCollection<AcknowledgedWrite> found)
    {
        var foundSet = found.ToHashSet();
        var counts = Enum.GetValues<WriteKind>()
            .Select(kind => new WriteCount(kind, acknowledged.Count(w => w.Kind == kind), acknowledged.Count(w => w.Kind == kind && foundSet.Contains(w))))
            .ToList();
        return new WriteCheck(counts, acknowledged.Where(w => !foundSet.Contains(w)).ToList());
    }
}

public sealed record WriteCount(WriteKind Kind, int Acknowledged, int Found);
