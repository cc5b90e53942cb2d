namespace ReferencePlatform.Tests.Fixture;

/// <summary>The deployment's MariaDB seen from inside its container, as root through the local socket.</summary>
public sealed class ReferenceDatabase(ServiceContainers containers)
{
    const string Service = "mysql";
    public const string Name = "edxapp";

    public Task<string> SqlAsync(string sql, CancellationToken ct) =>
        containers.ExecAsync(Service, ["mariadb", "-uroot", "--batch", "--skip-column-names", "-e", sql], ct);

    public const string ForumName = "forum";

    /// <summary>Schema and rows of the LMS's and the forum's databases in a stable text form, to compare before and after.</summary>
    public Task<string> DumpAsync(CancellationToken ct) =>
        containers.ExecAsync(Service, ["mariadb-dump", "-uroot", "--skip-comments", "--skip-extended-insert", "--order-by-primary", "--databases", Name, ForumName], ct);
}
