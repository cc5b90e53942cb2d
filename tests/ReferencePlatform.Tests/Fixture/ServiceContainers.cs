using Docker.DotNet.Models;
using Mooc.Local;
using Mooc.Platform.Cluster;

namespace ReferencePlatform.Tests.Fixture;

/// <summary>The deployment's containers as an operator reaches them: stop and start a service, run a command in it.</summary>
public sealed class ServiceContainers(LocalCluster cluster, ClusterDeployment deployment, TimeSpan readyDeadline)
{
    /// <summary>A clean stop of every replica (SIGTERM, as 'docker stop' sends it).</summary>
    public async Task StopAsync(string service, CancellationToken ct)
    {
        foreach (var container in Replicas(service))
            await cluster.Client.Containers.StopContainerAsync(container, new ContainerStopParameters { WaitBeforeKillSeconds = 30 }, ct);
    }

    /// <summary>Starts every replica again and waits until the service passes its health check.</summary>
    public async Task StartAsync(string service, CancellationToken ct)
    {
        foreach (var container in Replicas(service))
            await cluster.Client.Containers.StartContainerAsync(container, new ContainerStartParameters(), ct);
        await cluster.WaitReadyAsync(deployment, [service], readyDeadline, ct);
    }

    /// <summary>Runs a command in the service's first replica as its image's user; fails the test on a non-zero exit.</summary>
    public async Task<string> ExecAsync(string service, IList<string> command, CancellationToken ct)
    {
        var docker = cluster.Client;
        var exec = await docker.Exec.ExecCreateContainerAsync(Replicas(service)[0],
            new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true }, ct);
        using var stream = await docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, ct);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(ct);
        var inspect = await docker.Exec.InspectContainerExecAsync(exec.ID, ct);
        Assert.True(inspect.ExitCode == 0, $"'{string.Join(' ', command)}' in {service} exited with {inspect.ExitCode}:\n{stderr}");
        return stdout;
    }

    List<string> Replicas(string service) =>
        Enumerable.Range(1, ServiceOrder.Find(deployment, service).Replicas).Select(n => LocalNames.Container(deployment.Name, service, n)).ToList();
}
