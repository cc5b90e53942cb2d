using System.Net;
using k8s;
using k8s.Models;
using Mooc.Build;

namespace Mooc.Kubernetes;

/// <summary>
/// A StatefulSet's serviceName, selector and claim templates cannot change in place: the API refuses
/// the apply. A platform that changes them (e.g. a StatefulSet gaining its own headless governing
/// Service) would then never deploy again until someone deleted the object by hand. The object is
/// deleted leaving its pods and claims (orphaned, not removed) and applied again; the new object
/// adopts the pods by their labels and rolls them as any template change, so the data stays.
/// </summary>
public static class ImmutableFields
{
    public static async Task<AppliedObject> ApplyAsync(ObjectStore store, IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct)
    {
        try
        {
            return await store.ApplyAsync(obj, ct);
        }
        catch (KubernetesApiError e) when (e.Status == HttpStatusCode.UnprocessableEntity && obj.Kind == "StatefulSet" && e.Message.Contains("updates to statefulset spec for fields other than"))
        {
            Log.Warn($"StatefulSet {obj.Metadata.Name}: a field Kubernetes cannot change in place changed (serviceName, selector or claim templates); recreating the object and keeping its pods and claims");
            var resource = ApiResource.Of(obj.Kind, obj.ApiVersion);
            await store.DeleteAsync(resource, obj.Metadata.NamespaceProperty, obj.Metadata.Name, ct, orphanDependents: true);
            var gone = new Wait($"StatefulSet {obj.Metadata.Name} to be deleted (its pods kept)", TimeSpan.FromMinutes(1)) { Interval = TimeSpan.FromMilliseconds(300) };
            await gone.UntilAsync<bool>(async token =>
                await store.GetAsync(resource, obj.Metadata.NamespaceProperty, obj.Metadata.Name, token) is null ? Seen.Done(true) : Seen.NotYet("still there"), ct);
            return await store.ApplyAsync(obj, ct);
        }
    }
}
