using Mooc.Build;

namespace Engine.Tests;

public class InterruptionTests
{
    [Fact]
    public async Task Work_that_must_not_be_cut_off_runs_to_its_end_when_a_stop_is_asked_meanwhile()
    {
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var running = Interruption.RunToEndAsync("step migrate", async () =>
        {
            started.SetResult();
            await release.Task;
            return "done";
        }, stop.Token);
        await started.Task;
        await stop.CancelAsync();
        Assert.False(running.IsCompleted);
        release.SetResult();

        Assert.Equal("done", await running);
    }

    [Fact]
    public async Task Work_that_must_not_be_cut_off_does_not_start_once_a_stop_was_asked()
    {
        var ran = false;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Interruption.RunToEndAsync("step seed", () =>
        {
            ran = true;
            return Task.FromResult(0);
        }, new CancellationToken(canceled: true)));
        Assert.False(ran);
    }
}
