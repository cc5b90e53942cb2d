namespace Mooc.Perf.Engine;

/// <summary>A pause drawn uniformly from [min, max], like JMeter's Uniform Random Timer.</summary>
internal sealed record ThinkTime(TimeSpan Min, TimeSpan Max)
{
    public TimeSpan? Draw() =>
        Max <= TimeSpan.Zero ? null : Min + (Max - Min) * Random.Shared.NextDouble();
}
