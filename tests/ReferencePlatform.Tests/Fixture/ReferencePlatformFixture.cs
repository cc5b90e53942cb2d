namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// The reference platform without Docker: a private MariaDB, memcached, the LMS under gunicorn
/// (migrated and seeded first) and nginx in front, all on free loopback ports under a temp
/// directory. Everything is stopped when the tests end, or when starting it fails half-way.
/// </summary>
public sealed class ReferencePlatformFixture : IAsyncLifetime
{
    readonly string _directory = Directory.CreateTempSubdirectory("reference-platform-").FullName;
    readonly List<IAsyncDisposable> _started = [];
    readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    public MariaDbServer Database { get; private set; } = null!;
    public MemcachedServer Memcached { get; private set; } = null!;
    public LmsApp Lms { get; private set; } = null!;
    public NginxProxy Nginx { get; private set; } = null!;
    public Uri BaseAddress => Nginx.BaseAddress;
    public static string AppDirectory { get; } = FindAppDirectory();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        try
        {
            await HostPackages.RequireAsync(ct);
            Database = Started(new MariaDbServer(_directory, FreePort.Next()));
            Memcached = Started(new MemcachedServer(_directory, FreePort.Next()));
            await Task.WhenAll(Database.InitializeAsync(ct), Memcached.StartAsync(ct));

            var lmsPort = FreePort.Next();
            Lms = Started(new LmsApp(AppDirectory, _directory, lmsPort, LmsApp.Environment(Database, Memcached, lmsPort)));
            await Lms.ManageAsync(ct, "migrate", "--noinput");
            await Lms.ManageAsync(ct, "seed_demo");
            await Lms.StartAsync(_probe, ct);

            Nginx = Started(new NginxProxy(_directory, FreePort.Next(), lmsPort, Path.Combine(AppDirectory, "static")));
            await Nginx.StartAsync(_probe, ct);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Browser NewBrowser() => new(BaseAddress);

    public async Task DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--) await _started[i].DisposeAsync();
        _started.Clear();
        _probe.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    T Started<T>(T server) where T : IAsyncDisposable
    {
        _started.Add(server);
        return server;
    }

    static string FindAppDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "images", "lms", "app");
            if (File.Exists(Path.Combine(app, "manage.py"))) return app;
        }
        throw new InvalidOperationException($"Cannot find images/lms/app/manage.py above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

[CollectionDefinition(Name)]
public sealed class ReferencePlatformCollection : ICollectionFixture<ReferencePlatformFixture>
{
    public const string Name = "reference platform";
}
