using Mooc.Platform.Cluster;
using Mooc.Platform.Model;

namespace Mooc.Platform.Backup;

/// <summary>A MySQL or MariaDB service, dumped with mysqldump as root (the password in its environment's <see cref="BackupSources.RootPasswordVariable"/>).</summary>
public sealed record DatabaseSource(string Service)
{
    public string ArchivePath => $"databases/{Service}.sql";
}

/// <summary>A claim that is not a database's, archived with tar from inside a service that mounts it.</summary>
public sealed record VolumeSource(string Service, string Claim, string MountPath)
{
    public string ArchivePath => $"volumes/{Claim}.tar";
}

/// <summary>
/// What a backup of a platform holds, read from the platform itself: every service that runs MySQL
/// or MariaDB the way their images are configured (a MYSQL_ROOT_PASSWORD in its environment) is a
/// database, dumped consistently rather than copied; every other claim is a volume, archived as files.
/// The database's own claim is not archived: the dump is its consistent copy.
/// </summary>
public sealed record BackupSources(IReadOnlyList<DatabaseSource> Databases, IReadOnlyList<VolumeSource> Volumes)
{
    public const string RootPasswordVariable = "MYSQL_ROOT_PASSWORD";

    public static BackupSources Of(ClusterDeployment deployment)
    {
        var databases = deployment.Services
            .Where(s => s.SecretEnv.ContainsKey(RootPasswordVariable) || s.Env.ContainsKey(RootPasswordVariable))
            .Select(s => new DatabaseSource(s.Name))
            .ToList();
        var databaseClaims = deployment.Services.Where(s => databases.Any(d => d.Service == s.Name)).SelectMany(s => s.Volumes).Select(v => v.Name).ToHashSet();
        var volumes = deployment.Services
            .SelectMany(s => s.Volumes.Select(v => new VolumeSource(s.Name, v.Name, v.MountPath)))
            .Where(v => !databaseClaims.Contains(v.Claim))
            .DistinctBy(v => v.Claim)
            .ToList();
        return new BackupSources(databases, volumes);
    }

    /// <summary>The services that hold the data.</summary>
    public IReadOnlySet<string> DataServices => Databases.Select(d => d.Service).Concat(Volumes.Select(v => v.Service)).ToHashSet();

    public bool IsEmpty => Databases.Count == 0 && Volumes.Count == 0;

    /// <summary>What a restore stops while it writes: the services that take no traffic before migrations (the application, the ingress), unless they hold data.</summary>
    public static IReadOnlyList<ServiceDefinition> ApplicationServices(ClusterDeployment deployment, BackupSources sources)
    {
        var needed = ServiceOrder.DataServices(deployment).Concat(sources.DataServices).ToHashSet();
        return deployment.Services.Where(s => !needed.Contains(s.Name)).ToList();
    }
}
