using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Images;

namespace Images.Tests;

/// <summary>The reference platform's mysql image, built once for the tests that start it (skipped when its tag exists).</summary>
public sealed class MysqlImageFixture : IAsyncLifetime
{
    public BuiltImage Image { get; private set; } = null!;
    public DockerClient Docker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Docker = await DockerProbe.ClientAsync();
        var images = await ImageBuilder.BuildAsync(new ImageBuildRequest { RepositoryRoot = RepositoryPaths.Root, Recipes = ["mysql"] }, CancellationToken.None);
        Image = images["mysql"];
    }

    /// <summary>Starts the image with the given passwords, optionally on a volume at /var/lib/mysql; returns the container id.</summary>
    public async Task<string> StartAsync(string rootPassword, string userPassword, string? volume = null)
    {
        var created = await Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"mooc-imagetest-mysql-{Guid.NewGuid():N}"[..29],
            Image = Image.Reference,
            Env = [$"MYSQL_ROOT_PASSWORD={rootPassword}", $"MYSQL_PASSWORD={userPassword}"],
            Labels = RunLabels.Transient(),
            HostConfig = new HostConfig { Binds = volume is null ? null : [$"{volume}:/var/lib/mysql"] },
        });
        await Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }

    /// <summary>Runs a query over TCP as a user, retrying while the server is still starting.</summary>
    public async Task<(long ExitCode, string Output)> QueryAsync(string container, string user, string password, string sql, bool waitForServer = true)
    {
        Task<(long ExitCode, string Output)> QueryOnceAsync() =>
            DockerProbe.ExecAsync(Docker, container, "mariadb", "-h", "127.0.0.1", "-u", user, $"-p{password}", "--batch", "--skip-column-names", "-e", sql);
        if (!waitForServer) return await QueryOnceAsync();
        var wait = new Wait($"MariaDB in {container} to accept connections", TimeSpan.FromMinutes(2)) { Interval = TimeSpan.FromSeconds(1) };
        return await wait.UntilAsync<(long ExitCode, string Output)>(async _ =>
        {
            var result = await QueryOnceAsync();
            return result.Output.Contains("Can't connect", StringComparison.Ordinal) ? Seen.NotYet(result.Output.Trim()) : Seen.Done(result);
        }, CancellationToken.None);
    }

    public async Task RemoveAsync(string container) =>
        await Docker.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true });

    public Task DisposeAsync()
    {
        Docker.Dispose();
        return Task.CompletedTask;
    }
}
