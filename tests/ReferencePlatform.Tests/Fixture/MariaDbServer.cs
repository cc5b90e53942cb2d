namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// A private MariaDB: its own datadir, socket and port under the test directory, root reachable
/// only through the socket, and the edxapp database with the LMS's user, as the mysql image provisions it.
/// </summary>
public sealed class MariaDbServer(string directory, int port) : IAsyncDisposable
{
    public const string Database = "edxapp";
    public const string User = "edxapp001";
    static readonly bool RunningAsRoot = Environment.UserName == "root";

    Daemon? _daemon;

    public int Port => port;
    public string Password { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    string DataDirectory => Path.Combine(directory, "mysql-data");
    string Socket => Path.Combine(directory, "mysql.sock");

    public async Task InitializeAsync(CancellationToken ct)
    {
        string[] install = ["--no-defaults", $"--datadir={DataDirectory}", "--auth-root-authentication-method=normal", "--skip-test-db"];
        (await HostCommand.RunAsync("/usr/bin/mariadb-install-db", RunningAsRoot ? [.. install, "--user=root"] : install, ct))
            .EnsureSuccess("mariadb-install-db");
        await StartAsync(ct);
        await SqlAsync(
            $"CREATE DATABASE IF NOT EXISTS {Database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; " +
            $"CREATE USER IF NOT EXISTS '{User}'@'%' IDENTIFIED BY '{Password}'; " +
            $"GRANT ALL PRIVILEGES ON {Database}.* TO '{User}'@'%';", ct);
    }

    public async Task StartAsync(CancellationToken ct)
    {
        string[] arguments =
        [
            "--no-defaults", $"--datadir={DataDirectory}", $"--socket={Socket}", $"--port={port}",
            "--bind-address=127.0.0.1", "--skip-name-resolve", $"--pid-file={Path.Combine(directory, "mysql.pid")}",
            "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=2",
        ];
        _daemon = Daemon.Start("mariadbd", "/usr/sbin/mariadbd", RunningAsRoot ? [.. arguments, "--user=root"] : arguments, directory);
        await _daemon.WaitUntilAsync(async c =>
            (await HostCommand.RunAsync("/usr/bin/mariadb-admin", ["--no-defaults", $"--socket={Socket}", "-uroot", "ping"], c)).ExitCode == 0
            && await FreePort.AcceptsAsync(port, c),
            TimeSpan.FromSeconds(60), ct);
    }

    /// <summary>A clean shutdown, as an operator stopping the database would do it.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (_daemon is null) return;
        (await HostCommand.RunAsync("/usr/bin/mariadb-admin", ["--no-defaults", $"--socket={Socket}", "-uroot", "shutdown"], ct))
            .EnsureSuccess("mariadb-admin shutdown");
        await _daemon.WaitForExitAsync(ct);
        await _daemon.DisposeAsync();
        _daemon = null;
    }

    public async Task<string> SqlAsync(string sql, CancellationToken ct) =>
        (await HostCommand.RunAsync("/usr/bin/mariadb", ["--no-defaults", $"--socket={Socket}", "-uroot", "--batch", "--skip-column-names", "-e", sql], ct))
            .EnsureSuccess($"SQL '{sql}'").Output;

    /// <summary>Schema and rows of the LMS database in a stable text form, to compare before and after.</summary>
    public async Task<string> DumpAsync(CancellationToken ct) =>
        (await HostCommand.RunAsync("/usr/bin/mariadb-dump",
            ["--no-defaults", $"--socket={Socket}", "-uroot", "--skip-comments", "--skip-extended-insert", "--order-by-primary", Database], ct))
            .EnsureSuccess("mariadb-dump").Output;

    public async ValueTask DisposeAsync()
    {
        if (_daemon is not null) await _daemon.DisposeAsync();
    }
}
