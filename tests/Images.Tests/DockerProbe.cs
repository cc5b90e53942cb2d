using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Docker;

namespace Images.Tests;

/// <summary>What the tests look at on the real engine: image configs, leftovers, and commands run in containers.</summary>
static class DockerProbe
{
    public static Task<DockerClient> ClientAsync() => DockerEngine.ConnectAsync(CancellationToken.None);

    public static async Task<IReadOnlyList<string>> LeftoverContainersAsync(DockerClient docker, string recipe)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"{TestRepository.Namespace}-build-{recipe}-"] = true } },
        });
        return containers.SelectMany(c => c.Names).ToList();
    }

    public static async Task<IReadOnlyList<string>> LeftoverNetworksAsync(DockerClient docker, string recipe)
    {
        var networks = await docker.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"{TestRepository.Namespace}-build-{recipe}-"] = true } },
        });
        return networks.Select(n => n.Name).ToList();
    }

    /// <summary>Runs a container to completion and returns its exit code and output.</summary>
    public static async Task<(long ExitCode, string Output)> RunAsync(DockerClient docker, string image, IList<string>? command = null, IList<string>? environment = null)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Cmd = command, Env = environment, Labels = RunLabels.Transient() });
        try
        {
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var exit = await docker.Containers.WaitContainerAsync(created.ID, timeout.Token);
            using var logs = await docker.Containers.GetContainerLogsAsync(created.ID, false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true });
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(CancellationToken.None);
            return (exit.StatusCode, stdout + stderr);
        }
        finally
        {
            await docker.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }
    }

    /// <summary>Runs a command in a running container and returns its exit code and output.</summary>
    public static async Task<(long ExitCode, string Output)> ExecAsync(DockerClient docker, string container, params string[] command)
    {
        var exec = await docker.Exec.ExecCreateContainerAsync(container, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true });
        using var stream = await docker.Exec.StartAndAttachContainerExecAsync(exec.ID, false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        var inspect = await docker.Exec.InspectContainerExecAsync(exec.ID);
        return (inspect.ExitCode, stdout + stderr);
    }
}
