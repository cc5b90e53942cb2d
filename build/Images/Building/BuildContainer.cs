using Docker.DotNet;
using Docker.DotNet.Models;
using Mooc.Build;
using Mooc.Images.Recipes;

namespace Mooc.Images.Building;

/// <summary>A temporary container that an image is provisioned in: files copied in, steps executed, then committed.</summary>
sealed class BuildContainer(DockerClient docker, string id, string name, string logPrefix)
{
    const int TailLines = 50;

    public string Id => id;
    public string Name => name;

    /// <summary>Starts a container that only waits, so every step runs as an exec in the same file system.</summary>
    public static async Task<BuildContainer> StartAsync(
        DockerClient docker, string image, string name, string logPrefix, IList<string> environment, string? network, IDictionary<string, string> labels, CancellationToken ct)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Entrypoint = ["sleep", "infinity"],
            User = "root",
            Env = environment,
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = network ?? "bridge" },
        }, ct);
        var container = new BuildContainer(docker, created.ID, name, logPrefix);
        try
        {
            await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        }
        catch
        {
            await container.RemoveAsync();
            throw;
        }
        return container;
    }

    public async Task CopyAsync(RecipeFileSet files, CancellationToken ct)
    {
        if (files.Entries.Count == 0) return;
        await using var tar = await files.ToTarAsync(ct);
        await docker.Containers.ExtractArchiveToContainerAsync(id, new ContainerPathStatParameters { Path = "/" }, tar, ct);
    }

    public sealed record StepResult(long ExitCode, string Tail);

    /// <summary>
    /// Runs a step with 'sh -ec', streaming its output; cancellation closes the stream (the container's
    /// removal then stops the process). Stderr joins stdout inside the container: the engine carries them
    /// on separate pipes and would lose their order, and an error message belongs after what led to it.
    /// </summary>
    public async Task<StepResult> RunAsync(RecipeStep step, CancellationToken ct) =>
        await ExecAsync(["sh", "-ec", "exec 2>&1\n" + step.Run], step.User, step.WorkingDirectory, step.Environment.Select(e => $"{e.Key}={e.Value}").ToList(), quiet: false, ct);

    public async Task<StepResult> ExecAsync(IList<string> command, string? user, string? workingDirectory, IList<string> environment, bool quiet, CancellationToken ct)
    {
        var exec = await docker.Exec.ExecCreateContainerAsync(id, new ContainerExecCreateParameters
        {
            Cmd = command,
            User = user ?? "",
            WorkingDir = workingDirectory ?? "",
            Env = environment,
            AttachStdout = true,
            AttachStderr = true,
        }, ct);
        var output = new StepOutput(quiet ? "" : logPrefix, TailLines, quiet);
        using (var stream = await docker.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, ct))
        using (ct.Register(stream.Dispose))
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
                    if (read.EOF) break;
                    output.Write(buffer, read.Count);
                }
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException(ct);
            }
        }
        output.Complete();
        var inspect = await docker.Exec.InspectContainerExecAsync(exec.ID, ct);
        return new StepResult(inspect.ExitCode, output.Tail);
    }

    public async Task<string> CommitAsync(string repository, string tag, Config config, CancellationToken ct)
    {
        var committed = await docker.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
        {
            ContainerID = id,
            RepositoryName = repository,
            Tag = tag,
            Config = config,
            Pause = true,
        }, ct);
        return committed.ID;
    }

    /// <summary>Removes the container whatever state the build is in; never cancelled, so Ctrl-C still cleans up.</summary>
    public async Task RemoveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e) when (e is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            Log.Warn($"Could not remove the build container {name}: {e.Message}. Remove it with 'docker rm -f {name}'.");
        }
    }
}
