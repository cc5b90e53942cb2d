using Mooc.Build;

namespace Engine.Tests;

public sealed class WaitTests
{
    [Fact]
    public async Task A_timeout_names_what_was_awaited_how_long_and_the_last_state_seen()
    {
        var looks = 0;
        var wait = new Wait("the test service to answer", TimeSpan.FromMilliseconds(300)) { Interval = TimeSpan.FromMilliseconds(20), Hint = "Start it first." };

        var timeout = await Assert.ThrowsAsync<WaitTimeoutException>(() =>
            wait.UntilAsync<bool>(_ => Task.FromResult<Seen<bool>>(Seen.NotYet($"refused, attempt {++looks}")), CancellationToken.None));

        Assert.True(looks > 1, $"looked {looks} time(s)");
        Assert.Equal($"refused, attempt {looks}", timeout.LastState);
        Assert.Equal("the test service to answer", timeout.What);
        Assert.True(timeout.Waited >= wait.Timeout);
        Assert.StartsWith("Gave up waiting for the test service to answer after ", timeout.Message);
        Assert.EndsWith($"(timeout 0.3 s); last seen: refused, attempt {looks}. Start it first.", timeout.Message);
    }

    [Fact]
    public async Task A_wait_returns_what_the_look_found_once_it_is_done()
    {
        var looks = 0;
        var wait = new Wait("the third look", TimeSpan.FromMinutes(1)) { Interval = TimeSpan.FromMilliseconds(10) };

        var found = await wait.UntilAsync<string>(_ => Task.FromResult<Seen<string>>(++looks == 3 ? Seen.Done("found") : Seen.NotYet("not yet")), CancellationToken.None);

        Assert.Equal("found", found);
        Assert.Equal(3, looks);
    }

    [Fact]
    public async Task A_zero_timeout_looks_once()
    {
        var looks = 0;
        var wait = new Wait("a held lock", TimeSpan.Zero);

        await Assert.ThrowsAsync<WaitTimeoutException>(() => wait.UntilAsync<bool>(_ => Task.FromResult<Seen<bool>>(Seen.NotYet($"look {++looks}")), CancellationToken.None));

        Assert.Equal(1, looks);
    }

    // The interval and the timeout are ten minutes: only the cancellation can end this wait before the test's own limit.
    [Fact(Timeout = 60_000)]
    public async Task Cancelling_stops_a_wait_between_looks()
    {
        using var cancel = new CancellationTokenSource();
        var looks = 0;
        var wait = new Wait("something that never comes", TimeSpan.FromMinutes(10)) { Interval = TimeSpan.FromMinutes(10) };

        var waiting = wait.UntilAsync<bool>(_ =>
        {
            looks++;
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return Task.FromResult<Seen<bool>>(Seen.NotYet("absent"));
        }, cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, looks);
    }

    [Fact]
    public async Task A_look_that_fails_for_good_ends_the_wait_with_its_error()
    {
        var looks = 0;
        var wait = new Wait("a container that crashed", TimeSpan.FromMinutes(10)) { Interval = TimeSpan.FromMilliseconds(10) };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => wait.UntilAsync<bool>(_ =>
        {
            looks++;
            throw new InvalidOperationException("keeps crashing");
        }, CancellationToken.None));

        Assert.Equal("keeps crashing", error.Message);
        Assert.Equal(1, looks);
    }

    [Fact]
    public async Task Work_that_outlasts_its_timeout_is_stopped_and_named_with_its_state()
    {
        var wait = new Wait("the step to finish", TimeSpan.FromMilliseconds(100));
        var stopped = false;

        var timeout = await Assert.ThrowsAsync<WaitTimeoutException>(() => wait.WithinAsync<int>(async token =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(10), token);
                return 0;
            }
            finally
            {
                stopped = token.IsCancellationRequested;
            }
        }, CancellationToken.None, () => "applying migration 0042"));

        Assert.True(stopped);
        Assert.Equal("applying migration 0042", timeout.LastState);
        Assert.Contains("the step to finish", timeout.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_work_is_a_cancellation_not_a_timeout()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var wait = new Wait("the step to finish", TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            wait.WithinAsync<int>(async token => { await Task.Delay(TimeSpan.FromMinutes(10), token); return 0; }, cancel.Token));

        Assert.IsNotType<WaitTimeoutException>(error);
    }
}
