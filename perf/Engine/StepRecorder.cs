using System.Runtime.InteropServices;

namespace Mooc.Perf.Engine;

/// <summary>
/// Collects the results of one step from all virtual users: totals for the run and a rolling
/// interval that is summarised into an <see cref="IntervalSample"/> when time moves on.
/// Successful and failed requests go to separate histograms; the intervals time the successful ones.
/// </summary>
internal sealed class StepRecorder(string name, TimeSpan interval)
{
    private const int MaxDistinctMessages = 20;

    private readonly Lock _lock = new();
    private readonly LatencyHistogram _ok = new(significantDigits: 3);
    private readonly LatencyHistogram _failed = new(significantDigits: 3);
    private readonly LatencyHistogram _current = new(significantDigits: 2);
    private readonly Dictionary<int, long> _statusCodes = [];
    private readonly Dictionary<FailureKind, long> _failuresByKind = [];
    private readonly Dictionary<string, long> _failureMessages = [];
    private readonly List<IntervalSample> _intervals = [];
    private Counts _all;
    private Counts _interval;
    private int _currentIndex;

    public string Name => name;

    public void Record(int intervalIndex, long latencyMicroseconds, Response response)
    {
        lock (_lock)
        {
            if (intervalIndex > _currentIndex)
            {
                CloseInterval();
                _currentIndex = intervalIndex;
            }
            _all.Add(response);
            _interval.Add(response);
            if (response.StatusCode != 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_statusCodes, response.StatusCode, out _)++;
            }
            if (!response.IsError)
            {
                _ok.Record(latencyMicroseconds);
                _current.Record(latencyMicroseconds);
            }
            else
            {
                _failed.Record(latencyMicroseconds);
                var kind = response.Kind ?? FailureKind.Exception;
                _failuresByKind[kind] = _failuresByKind.GetValueOrDefault(kind) + 1;
                var message = $"{kind}: {response.Message}";
                if (_failureMessages.ContainsKey(message) || _failureMessages.Count < MaxDistinctMessages)
                {
                    _failureMessages[message] = _failureMessages.GetValueOrDefault(message) + 1;
                }
            }
        }
    }

    public StepStats Snapshot(TimeSpan measured)
    {
        lock (_lock)
        {
            CloseInterval();
            var seconds = Math.Max(measured.TotalSeconds, 1e-9);
            return new StepStats(name, _all.Requests, _all.Ok, _all.Failed,
                new Dictionary<int, long>(_statusCodes), new Dictionary<FailureKind, long>(_failuresByKind),
                new Dictionary<string, long>(_failureMessages), _all.BytesReceived, _all.BytesSent,
                _ok.Summary(), _failed.Summary(),
                _all.Requests / seconds, _intervals.ToArray());
        }
    }

    private void CloseInterval()
    {
        if (_interval.Requests == 0)
        {
            return;
        }
        _intervals.Add(new IntervalSample(_currentIndex, interval * _currentIndex, _interval.Requests, _interval.Ok, _interval.Failed,
            _interval.BytesReceived, _interval.BytesSent, _current.MeanMs,
            _current.PercentileMs(50), _current.PercentileMs(75), _current.PercentileMs(90), _current.PercentileMs(95), _current.PercentileMs(99),
            _current.MaxMs));
        _current.Reset();
        _interval = default;
    }

    private struct Counts
    {
        public long Requests, Ok, Failed, BytesReceived, BytesSent;

        public void Add(Response response)
        {
            Requests++;
            if (response.IsError)
            {
                Failed++;
            }
            else
            {
                Ok++;
            }
            BytesReceived += response.SizeBytes;
            BytesSent += response.SentBytes;
        }
    }
}
