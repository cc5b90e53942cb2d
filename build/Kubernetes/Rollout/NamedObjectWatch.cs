using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes.Rollout;

/// <summary>How to list and watch one kind of object in a namespace, narrowed by a field selector.</summary>
public sealed record NamedObjectSource<T>(
    Func<string, CancellationToken, Task<(T? Item, string ResourceVersion)>> ListAsync,
    Func<string, string, int?, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Item)>> Watch)
    where T : IKubernetesObject<V1ObjectMeta>;

/// <summary>
/// Follows one named object through the API's list-then-watch protocol: list it (by
/// <c>metadata.name</c>, so the watch carries nothing else), watch from the list's resourceVersion,
/// resume from the last resourceVersion seen when the server closes the watch (it does after its
/// timeout), and list again when the server answers 410 Gone (that version has been compacted away).
/// No polling: every look is an event the server sent.
/// </summary>
public static class NamedObjectWatch
{
    /// <summary>
    /// Calls <paramref name="isFinal"/> with each state of the object (null while it does not exist)
    /// until it returns true, and returns that state. <paramref name="watchTimeout"/> asks the server
    /// to close each watch that soon (tests use it to make resumes happen); null leaves it to the server.
    /// </summary>
    public static async Task<T?> FollowAsync<T>(NamedObjectSource<T> source, string name, Func<T?, bool> isFinal, TimeSpan? watchTimeout, CancellationToken ct)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var fieldSelector = $"metadata.name={name}";
        var timeoutSeconds = watchTimeout is { } timeout ? Math.Max(1, (int)timeout.TotalSeconds) : (int?)null;
        string? resourceVersion = null;
        T? current = default;
        while (true)
        {
            if (resourceVersion is null)
            {
                (current, resourceVersion) = await source.ListAsync(fieldSelector, ct);
                if (isFinal(current)) return current;
            }

            var gone = false;
            Exception? failure = null;
            void OnError(Exception e)
            {
                if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }) gone = true;
                else failure ??= e;
            }

            try
            {
                await foreach (var (type, item) in source.Watch(fieldSelector, resourceVersion, timeoutSeconds, OnError, ct))
                {
                    resourceVersion = item.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type == WatchEventType.Bookmark) continue;
                    current = type == WatchEventType.Deleted ? default : item;
                    if (isFinal(current)) return current;
                }
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
            {
                gone = true;
            }
            catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
            {
                // The client peeks at a watch's first line; a watch the server closes before any event
                // (nothing changed within its timeout) ends the stream under that peek. It is a close like any other.
            }

            if (failure is not null) throw new InvalidOperationException($"Watching {name} failed: {failure.Message}", failure);
            // The stream ended: the server's timeout (resume where it stopped) or a compacted version (list afresh).
            Log.Debug(gone ? $"{name}: resourceVersion {resourceVersion} is gone (410); listing again"
                : $"{name}: the server closed the watch; resuming from resourceVersion {resourceVersion}");
            if (gone) resourceVersion = null;
        }
    }
}
