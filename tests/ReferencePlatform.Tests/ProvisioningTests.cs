using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>The Migrate target runs safe_migrate and seed_demo (the LMS's and the forum's) again whenever a step's input changes (or --force-migrate): running them again must change nothing.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class ProvisioningTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task Migrate_and_seed_demo_run_again_leave_the_database_exactly_as_it_was()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var ct = timeout.Token;
        var before = await platform.Database.DumpAsync(ct);

        var output = await platform.MigrateAgainAsync(ct);

        Assert.Contains("No migrations to apply", output);
        var after = await platform.Database.DumpAsync(ct);
        Assert.Contains("block-v1:edX+DemoX+Demo_Course+type@problem+block@a0effb954cca4759994f1ac9e9434bf4", after);
        Assert.Contains("Welcome! Introduce yourself", after);
        Assert.True(before == after, $"The database changed. First differing line: {FirstDifference(before, after)}");
    }

    static string FirstDifference(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var i = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"line {i + 1}: before '{a.ElementAtOrDefault(i)}', after '{b.ElementAtOrDefault(i)}'";
    }
}
