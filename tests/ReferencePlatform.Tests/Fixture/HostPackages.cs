namespace ReferencePlatform.Tests.Fixture;

/// <summary>
/// The Debian packages the fixture runs the platform from, checked before anything starts so a
/// machine without one fails with the apt-get line that fixes it.
/// </summary>
public static class HostPackages
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Debian's own directories only: the python3 on PATH may be another one (pyenv) without Debian's modules.</summary>
    public const string SearchPath = "/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin";

    static readonly (string File, string Package)[] Programs =
    [
        ("/usr/bin/mariadb-install-db", "mariadb-server"),
        ("/usr/sbin/mariadbd", "mariadb-server"),
        ("/usr/bin/mariadb", "mariadb-client"),
        ("/usr/bin/mariadb-admin", "mariadb-client"),
        ("/usr/bin/mariadb-dump", "mariadb-client"),
        ("/usr/bin/memcached", "memcached"),
        ("/usr/sbin/nginx", "nginx-light"),
        ("/usr/bin/gunicorn", "gunicorn"),
        (Python, "python3"),
    ];

    static readonly (string Module, string Package)[] PythonModules =
    [
        ("django", "python3-django"),
        ("MySQLdb", "python3-mysqldb"),
        ("pymemcache", "python3-pymemcache"),
    ];

    public static async Task RequireAsync(CancellationToken ct)
    {
        var missing = Programs.Where(p => !File.Exists(p.File)).Select(p => p.Package).ToList();
        if (File.Exists(Python))
        {
            foreach (var (module, package) in PythonModules)
            {
                var result = await HostCommand.RunAsync(Python, ["-c", $"import {module}"], ct);
                if (result.ExitCode != 0) missing.Add(package);
            }
        }
        if (missing.Count > 0)
        {
            var packages = string.Join(' ', missing.Distinct());
            throw new InvalidOperationException(
                $"The reference platform tests need Debian packages that are not installed: {packages}. Install them with: apt-get install -y --no-install-recommends {packages}");
        }
    }
}
