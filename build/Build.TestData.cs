using Mooc.Build;
using Mooc.Platform.Cluster;

/// <summary>The smoke and load tests' accounts: marked with their run, removed after it unless --keep-test-data.</summary>
partial class Build
{
    /// <summary>Runs <paramref name="test"/> with a new run id to mark its accounts with, then removes them (even when it failed).</summary>
    async Task WithTestDataAsync(string kind, Func<string, Task> test, CancellationToken ct)
    {
        var run = TestData.NewRun(kind);
        var passed = false;
        try
        {
            await test(run);
            passed = true;
        }
        finally
        {
            if (KeepTestData)
                Log.Info($"--keep-test-data: the accounts test run {run} registered stay in deployment '{DeploymentName}', marked as test accounts of that run");
            else
                await RemoveTestDataAsync(run, passed, ct);
        }
    }

    async Task RemoveTestDataAsync(string run, bool testPassed, CancellationToken ct)
    {
        try
        {
            await TestData.RemoveAsync(await ClusterAsync(ct), await DeploymentAsync(ct), run, ReadyTimeout, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Log.Warn($"Stopped before the accounts of test run {run} were removed: they stay in deployment '{DeploymentName}', marked with the run");
            throw;
        }
        // A failed test's own error is the one to report; a platform that is down cannot remove anything either.
        catch (Exception e) when (!testPassed)
        {
            Log.Warn(e.Message);
        }
    }
}
