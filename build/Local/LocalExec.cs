using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Platform.Cluster;

namespace Mooc.Local;

/// <summary>Runs a command in one of a service's containers through the Docker engine's exec API.</summary>
public static class LocalExec
{
    public static async Task<int> RunAsync(DockerClient client, ClusterDeployment deployment, ServiceExec exec, CancellationToken ct)
    {
        var container = LocalNames.Container(deployment.Name, exec.Service, exec.Replica);
        await EnsureRunningAsync(client, deployment, container, exec, ct);

        var created = await client.Exec.ExecCreateContainerAsync(container, new ContainerExecCreateParameters
        {
            Cmd = exec.Command.ToList(),
            AttachStdin = exec.Stdin is not null,
            AttachStdout = true,
            AttachStderr = true,
            Tty = exec.Tty,
        }, ct);
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(created.ID, exec.Tty, ct))
        {
            var input = exec.Stdin is null ? Task.CompletedTask : SendInputAsync(stream, exec.Stdin, ct);
            await stream.CopyOutputToAsync(Stream.Null, exec.Stdout ?? Stream.Null, exec.Stderr ?? Stream.Null, ct);
            await input;
        }
        var inspect = await client.Exec.InspectContainerExecAsync(created.ID, ct);
        return (int)inspect.ExitCode;
    }

    static async Task SendInputAsync(MultiplexedStream stream, Stream stdin, CancellationToken ct)
    {
        await stream.CopyFromAsync(stdin, ct);
        // End of input is how `mysql < dump` knows the dump is complete.
        stream.CloseWrite();
    }

    static async Task EnsureRunningAsync(DockerClient client, ClusterDeployment deployment, string container, ServiceExec exec, CancellationToken ct)
    {
        try
        {
            var inspect = await client.Containers.InspectContainerAsync(container, ct);
            if (!inspect.State.Running || inspect.State.Restarting)
                throw new ReplicaNotRunningException($"{container} ({exec.Service} replica {exec.Replica}) is {inspect.State.Status}, not running: start the deployment first");
        }
        catch (DockerContainerNotFoundException)
        {
            throw new ReplicaNotRunningException($"{exec.Service} has no replica {exec.Replica} in deployment {deployment.Name} ({container} does not exist): deploy first, or check the service's name and replicas");
        }
    }
}
