using System.Net;
using System.Security.Cryptography;
using Mooc.Build;
using Mooc.Perf.OpenEdx;
using Mooc.Platform.Operations;
using ReferencePlatform.Tests.Fixture;

namespace ReferencePlatform.Tests;

/// <summary>What CreateUser and ImportCourse do, through the same one-off steps, on the shared deployment.</summary>
[Collection(ReferencePlatformCollection.Name)]
public sealed class UsersAndCoursesTests(ReferenceDeployment platform)
{
    [Fact]
    public async Task A_created_staff_member_logs_in_with_the_kept_password_and_a_second_run_keeps_it()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var id = Guid.NewGuid().ToString("N")[..8];
        var user = new NewUser($"staff_{id}", $"staff-{id}@example.edu", Staff: true, Password: null);

        var password = await UserAccounts.CreateAsync(platform.Cluster, platform.Deployment, user, ReferenceDeployment.TestDeadline, timeout.Token);
        var again = await UserAccounts.CreateAsync(platform.Cluster, platform.Deployment, user, ReferenceDeployment.TestDeadline, timeout.Token);

        Assert.Equal(password, again);
        Assert.Equal("1", (await platform.Database.SqlAsync($"SELECT is_staff FROM {ReferenceDatabase.Name}.auth_user WHERE username = '{user.Username}'", timeout.Token)).Trim());
        using var learner = new LearnerClient(platform.BaseAddress);
        var login = await learner.LoginAsync(user.Email, password, timeout.Token);
        Assert.True(login.Ok, login.Problem);
        using var wrong = new LearnerClient(platform.BaseAddress);
        Assert.False((await wrong.LoginAsync(user.Email, password + "x", timeout.Token)).Ok);
    }

    [Fact]
    public async Task The_demo_course_imported_from_olx_under_a_new_id_is_in_the_catalog_and_its_quiz_is_graded()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var run = "Run" + Guid.NewGuid().ToString("N")[..8];
        var courseId = $"course-v1:ImportX+OLX1+{run}";
        var archive = await PackedDemoCourseAsync(timeout.Token);

        IReadOnlyList<string> report;
        try
        {
            report = await CourseImport.ImportAsync(platform.Cluster, platform.Deployment, archive, courseId, ReferenceDeployment.TestDeadline, timeout.Token);
        }
        finally
        {
            File.Delete(archive);
        }
        Assert.Contains(report, line => line.Contains($"Imported {courseId}") && line.Contains("2 chapter") && line.Contains("1 problem"));

        using var browser = platform.NewBrowser();
        Assert.Contains(courseId, await browser.PageAsync("courses"));
        await Learners.RegisterAsync(browser);
        using (var enrolled = await browser.PostAsync("change_enrollment", Learners.Enroll(courseId)))
            Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var problem = DemoCourse.ProblemUsageId.Replace("edX+DemoX+Demo_Course", $"ImportX+OLX1+{run}");
        using var checkedAnswers = await browser.PostAsync(Learners.ProblemCheckPath(courseId, problem), DemoCourse.CorrectAnswers);
        var graded = await Browser.JsonAsync(checkedAnswers);
        Assert.Equal("correct", graded.GetProperty("success").GetString());
        Assert.Equal(3, graded.GetProperty("current_score").GetDouble());
        Assert.Contains("id=\"total-score\">3/3<", await browser.PageAsync($"courses/{courseId}/progress"));
        // The demo course itself is untouched by an import under another id.
        Assert.Contains(DemoCourse.CourseId, await browser.PageAsync("courses"));
    }

    [Fact]
    public async Task An_archive_larger_than_an_environment_variable_holds_is_imported_whole()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var run = "Run" + Guid.NewGuid().ToString("N")[..8];
        var courseId = $"course-v1:ImportX+Large1+{run}";
        var lastParagraph = $"The end of the reading {Guid.NewGuid():N}";
        // Random hex barely compresses: about 330 KiB packed, past the 128 KiB an environment variable holds.
        var reading = string.Concat(Enumerable.Range(0, 9000).Select(_ => $"<p>{Convert.ToHexString(RandomNumberGenerator.GetBytes(32))}</p>\n")) + $"<p>{lastParagraph}</p>";
        var archive = await PackedDemoCourseAsync(timeout.Token, olx =>
        {
            var unit = Path.Combine(olx, "vertical", "2152d4a4aadc4cb0af5256394a3d1fc7.xml");
            File.WriteAllText(unit, File.ReadAllText(unit).Replace("</vertical>", "  <html url_name=\"large_reading\" />\n</vertical>"));
            File.WriteAllText(Path.Combine(olx, "html", "large_reading.xml"), "<html filename=\"large_reading\" display_name=\"Large Reading\" />\n");
            File.WriteAllText(Path.Combine(olx, "html", "large_reading.html"), reading);
        });

        IReadOnlyList<string> report;
        try
        {
            Assert.True(new FileInfo(archive).Length > 256 * 1024, $"the archive is only {new FileInfo(archive).Length} bytes");
            report = await CourseImport.ImportAsync(platform.Cluster, platform.Deployment, archive, courseId, ReferenceDeployment.TestDeadline, timeout.Token);
        }
        finally
        {
            File.Delete(archive);
        }
        Assert.Contains(report, line => line.Contains($"Imported {courseId}") && line.Contains("5 html"));

        using var browser = platform.NewBrowser();
        await Learners.RegisterAsync(browser);
        using (var enrolled = await browser.PostAsync("change_enrollment", Learners.Enroll(courseId)))
            Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        var unitPage = await browser.PageAsync($"courses/{courseId}/courseware/interactive_demonstrations/basic_questions/1");
        Assert.Contains(reading, unitPage);
    }

    [Fact]
    public async Task An_archive_that_is_not_olx_fails_the_import_naming_what_is_missing()
    {
        using var timeout = new CancellationTokenSource(ReferenceDeployment.TestDeadline);
        var folder = Directory.CreateTempSubdirectory("not-olx-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "course.xml"), "<course url_name=\"R1\" org=\"X\" course=\"Y\"/>", timeout.Token);
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                CourseImport.ImportAsync(platform.Cluster, platform.Deployment, folder.FullName, null, ReferenceDeployment.TestDeadline, timeout.Token));
            Assert.Contains("course/R1.xml is missing from the archive", failure.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The shipped OLX folder packed as Open edX exports it: a .tar.gz with one top folder; <paramref name="change"/> edits the copy first.</summary>
    static async Task<string> PackedDemoCourseAsync(CancellationToken ct, Action<string>? change = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"demo-course-{Guid.NewGuid():N}.tar.gz");
        var staging = Directory.CreateTempSubdirectory("olx-");
        var top = Directory.CreateDirectory(Path.Combine(staging.FullName, "course"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "courses", "demo-course"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(top.FullName, Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "courses", "demo-course"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        change?.Invoke(top.FullName);
        await using (var output = File.Create(path))
        await using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
            await System.Formats.Tar.TarFile.CreateFromDirectoryAsync(staging.FullName, gzip, includeBaseDirectory: false, ct);
        staging.Delete(recursive: true);
        return path;
    }
}
