using System.Diagnostics;
using Docker.DotNet;
using Mooc.Build;
using Mooc.Images;

namespace Images.Tests;

/// <summary>Small recipes built on the real engine from debian:bookworm (made with debootstrap if missing).</summary>
public sealed class ImageBuildTests : IAsyncLifetime
{
    readonly TestRepository _repository = new();
    readonly List<string> _recipes = [];

    string Recipe(string name, string yaml)
    {
        _recipes.Add(name);
        return _repository.Write($"images/{name}/image.yaml", yaml);
    }

    static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [Fact]
    public async Task A_small_recipe_builds_into_an_image_with_its_files_steps_and_config()
    {
        var name = Unique("hello");
        _repository.Write($"images/{name}/greet.sh", "#!/bin/sh\necho \"$GREETING from $(cat /opt/hello/made-by-step)\"\n", executable: true);
        _repository.Write("provision/hello/motd", "provisioned\n");
        Recipe(name, """
            from: debian:bookworm
            files:
              - source: greet.sh
                target: /opt/hello/bin/
              - source: provision/hello/motd
                target: /opt/hello/motd
            steps:
              - name: write a file
                run: cat /opt/hello/motd > /opt/hello/made-by-step
              - name: add a user
                run: useradd --system greeter
            commit:
              cmd: ["/opt/hello/bin/greet.sh"]
              env:
                GREETING: hello
              expose: ["8080", "53/udp"]
              workdir: /opt/hello
              user: greeter
              labels:
                team: moocs
            """);

        var images = await ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None);

        var image = images[name];
        Assert.True(image.Built);
        Assert.Equal($"{TestRepository.Namespace}/{name}:{image.Hash}", image.Reference);
        using var docker = await DockerProbe.ClientAsync();
        var config = (await docker.Images.InspectImageAsync(image.Reference)).Config;
        Assert.Equal(["/opt/hello/bin/greet.sh"], config.Cmd);
        Assert.True(config.Entrypoint is null || config.Entrypoint.Count == 0, $"entrypoint should be empty, is [{string.Join(", ", config.Entrypoint ?? [])}]");
        Assert.Contains("GREETING=hello", config.Env);
        Assert.Contains("8080/tcp", config.ExposedPorts.Keys);
        Assert.Contains("53/udp", config.ExposedPorts.Keys);
        Assert.Equal("/opt/hello", config.WorkingDir);
        Assert.Equal("greeter", config.User);
        Assert.Equal(name, config.Labels["org.mooc.recipe"]);
        Assert.Equal(image.Hash, config.Labels["org.mooc.hash"]);
        Assert.Matches("^[0-9a-f]{40}$|^unknown$", config.Labels["org.mooc.source-commit"]);
        Assert.Equal("moocs", config.Labels["team"]);
        // The build container's run labels are blanked in the image: its containers are no leftovers of that build.
        Assert.Equal("", config.Labels["org.mooc.run"]);
        Assert.Equal("", config.Labels["org.mooc.lifetime"]);

        var (exitCode, output) = await DockerProbe.RunAsync(docker, image.Reference);
        Assert.Equal(0, exitCode);
        Assert.Equal("hello from provisioned", output.Trim());
        Assert.Empty(await DockerProbe.LeftoverContainersAsync(docker, name));
    }

    [Fact]
    public async Task An_unchanged_recipe_is_skipped_a_changed_file_changes_the_tag_and_force_rebuilds()
    {
        var name = Unique("cached");
        _repository.Write($"images/{name}/version.txt", "1\n");
        Recipe(name, "from: debian:bookworm\nfiles:\n  - source: version.txt\n    target: /version.txt\nsteps:\n  - name: touch\n    run: date > /built-at\n");

        var first = (await ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None))[name];
        var second = (await ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None))[name];
        _repository.Write($"images/{name}/version.txt", "2\n");
        var changed = (await ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None))[name];
        var forced = (await ImageBuilder.BuildAsync(_repository.Request(name) with { Force = true }, CancellationToken.None))[name];

        Assert.True(first.Built);
        Assert.False(second.Built);
        Assert.Equal(first.Reference, second.Reference);
        Assert.Equal(first.Id, second.Id);
        Assert.True(changed.Built);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.True(forced.Built);
        Assert.Equal(changed.Hash, forced.Hash);
        Assert.NotEqual(changed.Id, forced.Id);
    }

    [Fact]
    public async Task Two_builds_of_the_same_recipe_at_once_make_it_only_once()
    {
        var name = Unique("twice");
        Recipe(name, "from: debian:bookworm\nsteps:\n  - name: slow\n    run: sleep 2; date > /built-at\n");

        var results = await Task.WhenAll(
            ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None),
            ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None));

        Assert.Single(results, r => r[name].Built);
        Assert.Equal(results[0][name].Id, results[1][name].Id);
    }

    [Fact]
    public async Task A_build_waits_for_the_image_lock_names_its_holder_on_timeout_and_takes_over_a_killed_holders_lock()
    {
        var name = Unique("locked");
        Recipe(name, "from: debian:bookworm\nsteps:\n  - name: mark\n    run: touch /built\n");
        var file = $"image-{TestRepository.Namespace}/{name}";
        // flock(1) takes the same kernel lock another build process would hold, and says so once it does.
        Directory.CreateDirectory(CrossProcessLock.DirectoryPath);
        using var other = Process.Start(new ProcessStartInfo("flock", ["-x", CrossProcessLock.LockPath(file), "sh", "-c", "echo locked; exec sleep 600"]) { RedirectStandardOutput = true })!;
        Assert.Equal("locked", await other.StandardOutput.ReadLineAsync());
        await new LockHolder(other.Id, Environment.MachineName, "Images", DateTimeOffset.UtcNow).WriteAsync(CrossProcessLock.HolderPath(file), CancellationToken.None);

        var timeout = await Assert.ThrowsAsync<WaitTimeoutException>(() =>
            ImageBuilder.BuildAsync(_repository.Request(name) with { LockTimeout = TimeSpan.FromSeconds(1) }, CancellationToken.None));
        Assert.Contains($"the lock on image {TestRepository.Namespace}/{name}", timeout.Message);
        Assert.Contains($"held by pid {other.Id} on {Environment.MachineName}, target Images", timeout.LastState);

        other.Kill(entireProcessTree: true);
        await other.WaitForExitAsync();
        var images = await ImageBuilder.BuildAsync(_repository.Request(name) with { LockTimeout = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        Assert.True(images[name].Built);
    }

    [Fact]
    public async Task A_failing_step_fails_the_build_with_its_output_and_leaves_no_container()
    {
        var name = Unique("failing");
        Recipe(name, """
            from: debian:bookworm
            steps:
              - name: fine
                run: echo all good
              - name: breaks
                run: |
                  for i in $(seq 1 80); do echo "line $i"; done
                  echo "the reason it broke" >&2
                  exit 3
              - name: never runs
                run: echo never
            """);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None));

        Assert.Equal("breaks", error.Step);
        Assert.Equal(3, error.ExitCode);
        Assert.Contains("the reason it broke", error.Message);
        Assert.Contains("line 80", error.OutputTail);
        Assert.DoesNotContain("line 30\n", error.OutputTail);
        Assert.Equal(50, error.OutputTail.Split('\n').Length);
        Assert.Null(error.KeptContainer);
        using var docker = await DockerProbe.ClientAsync();
        Assert.Empty(await DockerProbe.LeftoverContainersAsync(docker, name));
    }

    [Fact]
    public async Task A_failed_container_is_kept_for_inspection_when_asked()
    {
        var name = Unique("keep");
        Recipe(name, "from: debian:bookworm\nsteps:\n  - name: leave a clue\n    run: echo clue > /clue && false\n");

        var error = await Assert.ThrowsAsync<ImageBuildException>(() =>
            ImageBuilder.BuildAsync(_repository.Request(name) with { KeepFailed = true }, CancellationToken.None));

        using var docker = await DockerProbe.ClientAsync();
        Assert.NotNull(error.KeptContainer);
        try
        {
            Assert.Contains("docker exec -it " + error.KeptContainer, error.Message);
            // Kept for a person: no reaper of a later run may remove it.
            Assert.Equal("kept", (await docker.Containers.InspectContainerAsync(error.KeptContainer)).Config.Labels["org.mooc.lifetime"]);
            var (exitCode, output) = await DockerProbe.ExecAsync(docker, error.KeptContainer!, "cat", "/clue");
            Assert.Equal(0, exitCode);
            Assert.Equal("clue", output.Trim());
        }
        finally
        {
            await docker.Containers.RemoveContainerAsync(error.KeptContainer, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        }
    }

    [Fact]
    public async Task Services_run_beside_the_build_on_a_private_network_and_are_removed_afterwards()
    {
        var service = Unique("svc");
        var app = Unique("app");
        Recipe(service, "from: debian:bookworm\nsteps:\n  - name: mark\n    run: echo i-am-the-service > /identity\ncommit:\n  cmd: [\"sleep\", \"infinity\"]\n");
        Recipe(app, $"""
            from: debian:bookworm
            services:
              - name: backend
                recipe: {service}
                ready: test -f /identity
            steps:
              - name: reach the service
                run: getent hosts backend > /backend-address
            """);

        var images = await ImageBuilder.BuildAsync(_repository.Request(app), CancellationToken.None);

        Assert.True(images.ContainsKey(service), "the service's recipe is built first");
        using var docker = await DockerProbe.ClientAsync();
        var (exitCode, output) = await DockerProbe.RunAsync(docker, images[app].Reference, ["cat", "/backend-address"]);
        Assert.Equal(0, exitCode);
        Assert.Contains("backend", output);
        Assert.Empty(await DockerProbe.LeftoverContainersAsync(docker, app));
        Assert.Empty(await DockerProbe.LeftoverNetworksAsync(docker, app));
    }

    [Fact]
    public async Task Cancelling_stops_the_running_step_and_removes_the_container()
    {
        var name = Unique("cancel");
        Recipe(name, "from: debian:bookworm\nsteps:\n  - name: takes long\n    run: echo started; sleep 300\n");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(8));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImageBuilder.BuildAsync(_repository.Request(name), cancel.Token));

        using var docker = await DockerProbe.ClientAsync();
        Assert.Empty(await DockerProbe.LeftoverContainersAsync(docker, name));
    }

    [Fact]
    public async Task A_failed_push_names_the_image_the_registry_and_the_reason()
    {
        var name = Unique("push");
        Recipe(name, "from: debian:bookworm\nsteps:\n  - name: nothing\n    run: 'true'\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ImageBuilder.BuildAsync(_repository.Request(name) with
            {
                Registry = "127.0.0.1:1",
                RegistryRetry = new() { FirstDelay = TimeSpan.FromMilliseconds(100) },
            }, CancellationToken.None));

        Assert.Contains($"{TestRepository.Namespace}/{name}:", error.Message);
        Assert.Contains("registry 127.0.0.1:1", error.Message);
        // A refused connection may be a registry starting up: tried again, then given up, saying so.
        Assert.Contains("failed 5 times", error.Message);
        Assert.Contains("connection refused", error.Message);
    }

    [Fact]
    public async Task The_image_set_maps_manifest_names_to_built_references()
    {
        var name = Unique("resolve");
        Recipe(name, "from: debian:bookworm\n");

        var images = await ImageBuilder.BuildAsync(_repository.Request(name), CancellationToken.None);

        Assert.Equal(images[name].Reference, images.Resolve($"{TestRepository.Namespace}/{name}"));
        Assert.Equal("busybox:1", images.Resolve("busybox:1"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _repository.Dispose();
        // By label, not by tag: a forced rebuild leaves the image it replaced untagged.
        using var docker = await DockerProbe.ClientAsync();
        foreach (var recipe in _recipes)
        {
            var images = await docker.Images.ListImagesAsync(new Docker.DotNet.Models.ImagesListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"org.mooc.recipe={recipe}"] = true } },
            });
            foreach (var image in images)
            {
                try { await docker.Images.DeleteImageAsync(image.ID, new Docker.DotNet.Models.ImageDeleteParameters { Force = true }); }
                catch (DockerApiException) { }
            }
        }
    }
}
