namespace Mooc.Platform.Backup;

/// <summary>
/// The MySQL client commands a backup, a restore and the fault test's write count run inside a database's container. The root
/// password reaches the client as MYSQL_PWD, set from the container's own environment by the
/// shell: no password is ever on a command line (ps, the engine's exec log) or in this process.
/// </summary>
public static class DatabaseCommands
{
    /// <summary>What is not the platform's data: the server's own schemas (its users are set by the deployment's secrets at every start).</summary>
    public static readonly IReadOnlySet<string> SystemDatabases = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "mysql", "information_schema", "performance_schema", "sys",
    };

    static string[] AsRoot(string client, params string[] arguments) =>
        ["sh", "-c", $"MYSQL_PWD=\"${BackupSources.RootPasswordVariable}\" exec {client} -uroot \"$@\"", client, .. arguments];

    public static string[] ListDatabases() =>
        AsRoot("mysql", "--batch", "--skip-column-names", "-e", "SHOW DATABASES");

    /// <summary>
    /// One transaction across every database (--single-transaction: InnoDB tables as of one instant,
    /// without locking the application out); each database dropped and re-created on restore, so
    /// tables a later migration added do not linger.
    /// </summary>
    public static string[] Dump(IReadOnlyList<string> databases) =>
        AsRoot("mysqldump", ["--single-transaction", "--quick", "--routines", "--triggers", "--events", "--add-drop-database", "--default-character-set=utf8mb4", "--databases", .. databases]);

    public static string[] Load() => AsRoot("mysql", "--default-character-set=utf8mb4");

    /// <summary>Each Django app's latest applied migration, "app&lt;TAB&gt;name" per line; nothing when the database has no django_migrations.</summary>
    public static string[] SchemaVersions(string database) =>
        AsRoot("mysql", "--batch", "--skip-column-names", "-e",
            $"SELECT app, MAX(name) FROM `{database.Replace("`", "``")}`.django_migrations GROUP BY app ORDER BY app");

    /// <summary>The statements given on standard input, run in <paramref name="database"/>; rows tab-separated, no header.</summary>
    public static string[] Query(string database) => AsRoot("mysql", "--batch", "--skip-column-names", database);

    public static string[] TablesNamed(string table) =>
        AsRoot("mysql", "--batch", "--skip-column-names", "-e",
            $"SELECT table_schema FROM information_schema.tables WHERE table_name = '{table}'");
}
