using Docker.DotNet;
using Docker.DotNet.Models;

namespace Mooc.Tests.Shared;

/// <summary>The stand-in's containers on the local engine.</summary>
public static partial class StandIn
{
    /// <summary>Runs a shell command in a container and returns its exit code and output.</summary>
    public static async Task<(long ExitCode, string Output)> ExecAsync(DockerClient client, string container, string command)
    {
        var exec = await client.Exec.ExecCreateContainerAsync(container, new ContainerExecCreateParameters
        {
            Cmd = ["bash", "-c", command],
            AttachStdout = true,
            AttachStderr = true,
        });
        using var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
        var inspect = await client.Exec.InspectContainerExecAsync(exec.ID);
        return (inspect.ExitCode, stdout + stderr);
    }
}
