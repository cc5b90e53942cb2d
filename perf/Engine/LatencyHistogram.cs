using HdrHistogram;

namespace Mooc.Perf.Engine;

/// <summary>Latencies in microseconds: exact count, min, max, mean and std. dev.; percentiles from HdrHistogram.</summary>
internal sealed class LatencyHistogram(int significantDigits)
{
    // One hour, the longest request any profile waits for; longer values are clamped to it.
    private const long HighestMicroseconds = 3_600_000_000;

    private readonly LongHistogram _histogram = new(HighestMicroseconds, significantDigits);
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;
    private double _sumOfSquares;

    public long Count { get; private set; }

    public void Record(long microseconds)
    {
        var value = Math.Clamp(microseconds, 1, HighestMicroseconds);
        _histogram.RecordValue(value);
        Count++;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _sum += value;
        _sumOfSquares += (double)value * value;
    }

    public double MinMs => Count == 0 ? 0 : _min / 1000.0;

    public double MaxMs => _max / 1000.0;

    public double MeanMs => Count == 0 ? 0 : _sum / Count / 1000.0;

    public double StdDevMs
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }
            var mean = _sum / Count;
            return Math.Sqrt(Math.Max(0, _sumOfSquares / Count - mean * mean)) / 1000.0;
        }
    }

    // HdrHistogram answers with the top of the value's bucket, which can exceed the exact maximum.
    public double PercentileMs(double percentile) =>
        Count == 0 ? 0 : Math.Clamp(_histogram.GetValueAtPercentile(percentile), _min, _max) / 1000.0;

    public LatencyStats Summary() =>
        new(Count, MinMs, MeanMs, MaxMs, StdDevMs, PercentileMs(50), PercentileMs(75), PercentileMs(90), PercentileMs(95), PercentileMs(99));

    public void Reset()
    {
        _histogram.Reset();
        Count = 0;
        _min = long.MaxValue;
        _max = 0;
        _sum = 0;
        _sumOfSquares = 0;
    }
}
