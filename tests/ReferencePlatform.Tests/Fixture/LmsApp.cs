namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// The LMS of images/lms/app run as its container runs it: configured only through the
/// environment contract, migrated and seeded with manage.py, served by its bin/serve (gunicorn).
/// </summary>
public sealed class LmsApp(string appDirectory, string logDirectory, int port, IReadOnlyDictionary<string, string> environment) : IAsyncDisposable
{
    Daemon? _daemon;

    public string DemoPassword => environment["LMS_DEMO_PASSWORD"];

    public static IReadOnlyDictionary<string, string> Environment(MariaDbServer database, MemcachedServer memcached, int port) =>
        new Dictionary<string, string>
        {
            ["LMS_DB_HOST"] = "127.0.0.1",
            ["LMS_DB_PORT"] = database.Port.ToString(),
            ["LMS_DB_NAME"] = MariaDbServer.Database,
            ["LMS_DB_USER"] = MariaDbServer.User,
            ["LMS_DB_PASSWORD"] = database.Password,
            ["LMS_MEMCACHED"] = $"127.0.0.1:{memcached.Port}",
            ["LMS_SECRET_KEY"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Guid.NewGuid(),
            ["LMS_ALLOWED_HOSTS"] = "127.0.0.1,localhost",
            ["LMS_DEMO_PASSWORD"] = "demo-" + Guid.NewGuid().ToString("N")[..12],
            ["GUNICORN_WORKERS"] = "2",
            ["GUNICORN_BIND"] = $"127.0.0.1:{port}",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        };

    /// <summary>python3 manage.py with the given arguments, as the platform's migrate step runs it.</summary>
    public async Task<CommandResult> ManageAsync(CancellationToken ct, params string[] arguments) =>
        (await HostCommand.RunAsync(HostPackages.Python, ["manage.py", .. arguments], ct, environment, appDirectory))
            .EnsureSuccess($"manage.py {string.Join(' ', arguments)}");

    public async Task StartAsync(HttpClient http, CancellationToken ct)
    {
        _daemon = Daemon.Start("gunicorn", Path.Combine(appDirectory, "bin", "serve"), [], logDirectory, environment, appDirectory);
        await _daemon.WaitUntilAsync(async c =>
        {
            if (!await FreePort.AcceptsAsync(port, c)) return false;
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/heartbeat", c);
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(60), ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
    }
}
