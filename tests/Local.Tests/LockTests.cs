using System.Diagnostics;
using Mooc.Platform.Cluster;

namespace Local.Tests;

public sealed class LockTests : IDisposable
{
    readonly string _deployment = "lock" + Guid.NewGuid().ToString("N")[..8];

    string NewDeployment() => _deployment;

    public void Dispose() => File.Delete(Path.Combine(DeploymentLock.DirectoryPath, _deployment + ".lock"));

    [Fact]
    public async Task A_second_run_waits_then_fails_naming_the_holder()
    {
        var deployment = NewDeployment();
        await using var held = await DeploymentLock.AcquireAsync(deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => DeploymentLock.AcquireAsync(deployment, "Down", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Contains($"pid {Environment.ProcessId}", failure.Message);
        Assert.Contains("target Deploy", failure.Message);
        Assert.Contains(Environment.MachineName, failure.Message);
    }

    [Fact]
    public async Task A_waiting_run_proceeds_when_the_holder_finishes()
    {
        var deployment = NewDeployment();
        var held = await DeploymentLock.AcquireAsync(deployment, "Deploy", TimeSpan.Zero, CancellationToken.None);
        var waiting = DeploymentLock.AcquireAsync(deployment, "SmokeTest", TimeSpan.FromSeconds(20), CancellationToken.None);
        await Task.Delay(500);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await using var acquired = await waiting;
    }

    [Fact]
    public async Task The_lock_of_a_killed_process_is_taken_over()
    {
        var deployment = NewDeployment();
        await (await DeploymentLock.AcquireAsync(deployment, "Deploy", TimeSpan.Zero, CancellationToken.None)).DisposeAsync();
        var lockFile = Path.Combine(DeploymentLock.DirectoryPath, deployment + ".lock");
        // flock(1) takes the same kernel lock another pipeline process would hold.
        using var other = Process.Start(new ProcessStartInfo("flock", ["-x", lockFile, "sleep", "60"]))!;
        var holder = new DeploymentLock.Holder(other.Id, Environment.MachineName, "Deploy", DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(Path.Combine(DeploymentLock.DirectoryPath, deployment + ".holder.json"), System.Text.Json.JsonSerializer.Serialize(holder));
        await Task.Delay(300);
        var busy = await Assert.ThrowsAsync<InvalidOperationException>(
            () => DeploymentLock.AcquireAsync(deployment, "Deploy", TimeSpan.FromMilliseconds(500), CancellationToken.None));
        Assert.Contains($"pid {other.Id}", busy.Message);

        other.Kill(entireProcessTree: true);
        await other.WaitForExitAsync();

        await using var acquired = await DeploymentLock.AcquireAsync(deployment, "Deploy", TimeSpan.FromSeconds(5), CancellationToken.None);
    }
}
