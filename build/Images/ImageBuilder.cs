using System.Runtime.ExceptionServices;
using Mooc.Build;
using Mooc.Docker;
using Mooc.Images.Building;
using Mooc.Images.Recipes;

namespace Mooc.Images;

/// <summary>
/// The Images target's entry point: builds the recipes under images/ through the Docker engine, independent
/// ones at the same time (bounded), and returns what manifests should run. The first failure stops the rest;
/// no temporary container or network outlives the call (except a failed one kept on request).
/// </summary>
public static class ImageBuilder
{
    public static async Task<ImageSet> BuildAsync(ImageBuildRequest request, CancellationToken ct)
    {
        if (request.MaxParallelism < 1) throw new ArgumentException($"MaxParallelism is {request.MaxParallelism}; it must be at least 1.", nameof(request));
        var plan = BuildPlan.Order(RecipeLoader.LoadFor(request.RepositoryRoot, request.Recipes, request.ImageNamespace), request.Recipes, request.ImageNamespace);
        var docker = await DockerEngine.ConnectAsync(ct);
        var build = new RecipeBuild(docker, request, await SourceCommitAsync(request.RepositoryRoot, ct));

        using var stopOthers = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(request.MaxParallelism);
        var tasks = new Dictionary<string, Task<BuiltImage>>();
        foreach (var recipe in plan)
            tasks[recipe.Name] = BuildWhenReadyAsync(recipe);

        async Task<BuiltImage> BuildWhenReadyAsync(ImageRecipe recipe)
        {
            try
            {
                var dependencies = new Dictionary<string, BuiltImage>();
                foreach (var name in recipe.Dependencies(request.ImageNamespace)) dependencies[name] = await tasks[name];
                await slots.WaitAsync(stopOthers.Token);
                try
                {
                    return await build.RunAsync(recipe, dependencies, stopOthers.Token);
                }
                finally
                {
                    slots.Release();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await stopOthers.CancelAsync();
                throw;
            }
        }

        try
        {
            await Task.WhenAll(tasks.Values);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            var first = tasks.Values.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (first is not null) ExceptionDispatchInfo.Throw(first);
            throw;
        }
        var images = tasks.ToDictionary(t => t.Key, t => t.Value.Result);
        foreach (var image in images.Values)
            Log.Info($"  {image.Recipe,-12} {image.Reference}  {(image.Built ? $"built in {image.Duration.TotalSeconds:0.0} s" : "up to date")}");
        return new ImageSet(images, request.ImageNamespace);
    }

    /// <summary>The recipes the request needs, read and cross-checked without Docker: a <see cref="RecipeException"/> names every problem.</summary>
    public static void Validate(ImageBuildRequest request) =>
        RecipeLoader.LoadFor(request.RepositoryRoot, request.Recipes, request.ImageNamespace);

    static async Task<string> SourceCommitAsync(string root, CancellationToken ct)
    {
        try
        {
            var git = await ProcessRunner.RunAsync("git", ["-C", root, "rev-parse", "HEAD"], ct, quiet: true);
            return git.Succeeded && git.Output.Count > 0 ? git.Output[0].Trim() : "unknown";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }
}
