using System.Diagnostics;
using Mooc.Build;
using Mooc.Local;

namespace Local.Tests;

public sealed class LockTests : IDisposable
{
    readonly string _deployment = "lock" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        File.Delete(CrossProcessLock.LockPath(LocalLock.File(_deployment)));
        File.Delete(CrossProcessLock.HolderPath(LocalLock.File(_deployment)));
    }

    [Fact]
    public async Task A_second_run_waits_then_fails_naming_the_holder()
    {
        await using var held = await LocalLock.AcquireAsync(_deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<WaitTimeoutException>(
            () => LocalLock.AcquireAsync(_deployment, "Down", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains($"the lock on deployment '{_deployment}'", failure.Message);
        Assert.Contains($"held by pid {Environment.ProcessId} on {Environment.MachineName}, target Deploy", failure.Message);
        Assert.Contains("Wait for that run to finish", failure.Message);
        Assert.Contains(CrossProcessLock.LockPath(LocalLock.File(_deployment)), failure.Message);
    }

    [Fact]
    public async Task A_waiting_run_proceeds_when_the_holder_finishes()
    {
        var held = await LocalLock.AcquireAsync(_deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);
        var waiting = LocalLock.AcquireAsync(_deployment, "SmokeTest", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await using var acquired = await waiting;
        Assert.Equal("SmokeTest", LockHolder.Read(CrossProcessLock.HolderPath(LocalLock.File(_deployment)))?.Target);
    }

    [Fact]
    public async Task The_lock_of_a_killed_process_is_taken_over_and_the_takeover_is_said()
    {
        await (await LocalLock.AcquireAsync(_deployment, "Deploy", TimeSpan.Zero, CancellationToken.None)).DisposeAsync();
        var lockFile = CrossProcessLock.LockPath(LocalLock.File(_deployment));
        // flock(1) takes the same kernel lock another pipeline process would hold, and says so once it does.
        using var other = Process.Start(new ProcessStartInfo("flock", ["-x", lockFile, "sh", "-c", "echo locked; exec sleep 60"]) { RedirectStandardOutput = true })!;
        Assert.Equal("locked", await other.StandardOutput.ReadLineAsync());
        await new LockHolder(other.Id, Environment.MachineName, "Deploy", DateTimeOffset.UtcNow)
            .WriteAsync(CrossProcessLock.HolderPath(LocalLock.File(_deployment)), CancellationToken.None);

        var busy = await Assert.ThrowsAsync<WaitTimeoutException>(
            () => LocalLock.AcquireAsync(_deployment, "Deploy", TimeSpan.FromMilliseconds(500), CancellationToken.None));
        Assert.Contains($"held by pid {other.Id}", busy.LastState);

        other.Kill(entireProcessTree: true);
        await other.WaitForExitAsync();

        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            await using var acquired = await LocalLock.AcquireAsync(_deployment, "Deploy", TimeSpan.FromSeconds(30), CancellationToken.None);
        }
        finally
        {
            Console.SetOut(console);
        }
        Assert.Contains($"Took over the lock on deployment '{_deployment}' left by a process that is gone (pid {other.Id}", output.ToString());
    }
}
