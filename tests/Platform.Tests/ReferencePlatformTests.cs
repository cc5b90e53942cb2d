using Mooc.Platform.Loading;
using Mooc.Platform.Model;

namespace Mooc.Platform.Tests;

public class ReferencePlatformTests
{
    [Fact]
    public void Reference_platform_loads_with_services_in_dependency_order()
    {
        var platform = PlatformLoader.LoadByName("reference");

        Assert.Equal("reference", platform.Name);
        Assert.Equal(["mysql", "memcached", "forum", "lms", "nginx"], platform.Services.Select(s => s.Name));
        Assert.Equal(["lms-migrate", "lms-seed", "forum-migrate", "forum-seed"], platform.Migrations.Select(m => m.Name));
        Assert.Equal("nginx", platform.PublicService?.Name);
        Assert.Equal(2, platform.Service("lms").Replicas);
        Assert.Equal("mysql-password", platform.Service("lms").SecretEnv["LMS_DB_PASSWORD"]);
        Assert.Equal(new ExecProbe(["mysqladmin", "ping", "-h", "127.0.0.1"]).Command, ((ExecProbe)platform.Service("mysql").Probes.Readiness!.Action).Command);
        Assert.Contains(platform.SmokeChecks, c => c.Kind == SmokeCheckKind.LearnerLogin);
        // The LMS and the forum share the forum's API key; the forum has a database password of its own.
        Assert.Equal(platform.Service("forum").SecretEnv["FORUM_API_KEY"], platform.Service("lms").SecretEnv["LMS_FORUM_API_KEY"]);
        Assert.Equal("forum-mysql-password", platform.Service("forum").SecretEnv["FORUM_DB_PASSWORD"]);
        Assert.Equal("forum-mysql-password", platform.Service("mysql").SecretEnv["MYSQL_FORUM_PASSWORD"]);
    }
}
