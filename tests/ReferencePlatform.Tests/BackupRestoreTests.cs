using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Mooc.Perf.OpenEdx;
using Mooc.Platform.Backup;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>
/// Backup and Restore on the reference platform, on a deployment of its own (it is purged half-way):
/// a learner's enrollment and grade go to an archive, the deployment is destroyed with its data and
/// secrets and deployed anew, and the restore brings the learner back with both.
/// </summary>
public sealed class BackupRestoreTests(ReferenceDeployment platform) : IClassFixture<ReferenceDeployment>, IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("mooc-backup-test-").FullName;
    static readonly string ProgressPath = $"courses/{DemoCourse.CourseId}/progress";

    [Fact]
    public async Task A_learners_enrollment_and_grade_survive_a_purge_through_backup_and_restore()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        Account account;
        using (var browser = platform.NewBrowser())
        {
            account = await Learners.RegisterAndEnrollAsync(browser);
            using var check = await browser.PostAsync(Learners.ProblemCheckPath(), DemoCourse.CorrectAnswers);
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            Assert.Contains("id=\"total-score\">3/3<", await browser.PageAsync(ProgressPath));
        }

        var archive = await DeploymentBackup.CreateAsync(platform.Cluster, platform.Deployment, _directory, "test", ct);
        var manifest = ReadManifest(archive);
        Assert.Equal("reference", manifest.Platform);
        Assert.Equal(["edxapp", "forum"], manifest.Databases["mysql"]);
        Assert.NotEmpty(manifest.Schema["mysql/edxapp"]);
        Assert.NotNull(manifest.Migrations);

        await platform.PurgeAndRedeployAsync(ct);
        using (var browser = platform.NewBrowser())
            Assert.False(await LogInAsync(browser, account), "the learner's account outlived the purge: the test proves nothing");

        await DeploymentRestore.RestoreAsync(platform.Cluster, platform.Deployment, archive, ReferenceDeployment.TestDeadline, ct);

        using (var browser = platform.NewBrowser())
        {
            Assert.True(await LogInAsync(browser, account), "the learner cannot log in after the restore");
            Assert.Contains("edX Demonstration Course", await browser.PageAsync("dashboard"));
            Assert.Contains("id=\"total-score\">3/3<", await browser.PageAsync(ProgressPath));
        }
        // The demo account is seeded again with this deployment's password.
        using (var demo = platform.NewBrowser())
            Assert.True(await LogInAsync(demo, new Account("honor@example.com", "honor", platform.DemoPassword)), "the demo account does not take this deployment's demo password");
    }

    [Fact]
    public async Task An_archive_of_another_platform_is_refused_naming_what_differs()
    {
        var archive = Path.Combine(_directory, "other.tar.gz");
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, "openedx", "x", DateTimeOffset.UtcNow, "test",
            new Dictionary<string, string>(), null, new Dictionary<string, IReadOnlyDictionary<string, string>>(),
            new Dictionary<string, IReadOnlyList<string>> { ["mongo"] = ["edxapp"] }, new Dictionary<string, string>());
        var staging = Directory.CreateDirectory(Path.Combine(_directory, "other")).FullName;
        await File.WriteAllTextAsync(Path.Combine(staging, BackupManifest.FileName), manifest.ToJson());
        await using (var file = File.Create(archive))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await TarFile.CreateFromDirectoryAsync(staging, gzip, includeBaseDirectory: false);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DeploymentRestore.RestoreAsync(platform.Cluster, platform.Deployment, archive, ReferenceDeployment.TestDeadline, CancellationToken.None));

        Assert.Contains("platform 'openedx' in the archive, 'reference' deployed", refused.Message);
        Assert.Contains("database service 'mongo' in the archive, none in the deployment", refused.Message);
        Assert.Contains("nothing was changed", refused.Message);
        using var browser = platform.NewBrowser();
        Assert.Contains("edX Demonstration Course", await browser.PageAsync("courses"));
    }

    static async Task<bool> LogInAsync(Browser browser, Account account)
    {
        await browser.PageAsync("login");
        using var response = await browser.PostAsync("login_ajax", [new("email", account.Email), new("password", account.Password)]);
        return response.StatusCode == HttpStatusCode.OK && (await Browser.JsonAsync(response)).GetProperty("success").GetBoolean();
    }

    static BackupManifest ReadManifest(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
            if (entry.Name.TrimStart('.', '/') == BackupManifest.FileName)
                return JsonSerializer.Deserialize<BackupManifest>(entry.DataStream!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        throw new Xunit.Sdk.XunitException($"{archive} holds no {BackupManifest.FileName}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
