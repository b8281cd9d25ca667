using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Gateway;

/// <summary>
/// The Kubernetes operations the agent needs, in the connection's namespace. Retries and rate limiting happen
/// below, in the connection's HTTP pipeline; this class turns API answers into the agent's vocabulary
/// (404 on delete is success, 409 on a deterministic create is fenced by owner label).
/// </summary>
public sealed class KubeGateway(KubeConnection connection, KubeGatewayOptions options)
{
    private IKubernetes Client => connection.Client;

    private string Namespace => connection.Namespace;

    /// <summary>Creates the pod, or returns the existing one when a retried create finds it already there and it is ours.</summary>
    public Task<V1Pod> CreatePodAsync(V1Pod pod, CancellationToken ct) =>
        CreateFencedAsync(
            pod,
            "pod",
            // kubeAPI: pods, create
            token => Client.CoreV1.CreateNamespacedPodAsync(pod, Namespace, cancellationToken: token),
            GetPodAsync,
            ct);

    public Task<V1Secret> CreateSecretAsync(V1Secret secret, CancellationToken ct) =>
        CreateFencedAsync(
            secret,
            "secret",
            // kubeAPI: secrets, create
            token => Client.CoreV1.CreateNamespacedSecretAsync(secret, Namespace, cancellationToken: token),
            GetSecretAsync,
            ct);

    /// <summary>Makes <paramref name="owner"/> the secret's owner, so Kubernetes' GC removes the secret with the pod.</summary>
    public Task<V1Secret> SetSecretOwnerAsync(string secretName, V1Pod owner, CancellationToken ct)
    {
        var patch = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "v1",
                        Kind = "Pod",
                        Name = owner.Metadata.Name,
                        Uid = owner.Metadata.Uid,
                        BlockOwnerDeletion = false,
                        Controller = false,
                    },
                ],
            },
        };
        // kubeAPI: secrets, patch
        return Client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), secretName, Namespace, cancellationToken: ct);
    }

    /// <summary>
    /// Sets annotation <paramref name="key"/> of the pod to <paramref name="value"/>, on the condition that it is
    /// <paramref name="expected"/> now (null: absent), by a JSON patch whose <c>test</c> makes the API server check it.
    /// False when the condition failed, i.e. someone else changed it first, or the pod is gone.
    /// </summary>
    public async Task<bool> SetPodAnnotationIfAsync(string podName, string key, string? expected, string value, CancellationToken ct)
    {
        var path = "/metadata/annotations/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        var operations = expected is null
            ? new object[] { new { op = "add", path, value } }
            : [new { op = "test", path, value = expected }, new { op = "replace", path, value }];
        try
        {
            // kubeAPI: pods, patch
            await Client.CoreV1.PatchNamespacedPodAsync(
                new V1Patch(KubernetesJson.Serialize(operations), V1Patch.PatchType.JsonPatch), podName, Namespace, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Is(HttpStatusCode.UnprocessableEntity) || ex.Is(HttpStatusCode.Conflict) || ex.Is(HttpStatusCode.NotFound))
        {
            return false;
        }
    }

    public async Task<V1Pod?> GetPodAsync(string name, CancellationToken ct)
    {
        try
        {
            // kubeAPI: pods, get
            return await Client.CoreV1.ReadNamespacedPodAsync(name, Namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Is(HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    public async Task<V1Secret?> GetSecretAsync(string name, CancellationToken ct)
    {
        try
        {
            // kubeAPI: secrets, get
            return await Client.CoreV1.ReadNamespacedSecretAsync(name, Namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Is(HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>Deletes the pod; false when it was already gone.</summary>
    public Task<bool> DeletePodAsync(string name, TimeSpan? gracePeriod, CancellationToken ct) =>
        // kubeAPI: pods, delete
        DeleteIfPresentAsync(token => Client.CoreV1.DeleteNamespacedPodAsync(
            name, Namespace, gracePeriodSeconds: gracePeriod is { } g ? (int)Math.Ceiling(g.TotalSeconds) : null, cancellationToken: token), ct);

    /// <summary>Deletes the secret; false when it was already gone.</summary>
    public Task<bool> DeleteSecretAsync(string name, CancellationToken ct) =>
        // kubeAPI: secrets, delete
        DeleteIfPresentAsync(token => Client.CoreV1.DeleteNamespacedSecretAsync(name, Namespace, cancellationToken: token), ct);

    /// <summary>
    /// Deletes the pod only if it is still the object with <paramref name="uid"/>; false when it was already gone or
    /// replaced by a new object of the same name (404, or 409 on the uid precondition).
    /// </summary>
    public Task<bool> DeletePodWithUidAsync(string name, string uid, CancellationToken ct) =>
        // kubeAPI: pods, delete
        DeleteIfSameAsync(token => Client.CoreV1.DeleteNamespacedPodAsync(name, Namespace, UidPrecondition(uid), cancellationToken: token), ct);

    /// <summary>Deletes the secret only if it is still the object with <paramref name="uid"/>; like <see cref="DeletePodWithUidAsync"/>.</summary>
    public Task<bool> DeleteSecretWithUidAsync(string name, string uid, CancellationToken ct) =>
        // kubeAPI: secrets, delete
        DeleteIfSameAsync(token => Client.CoreV1.DeleteNamespacedSecretAsync(name, Namespace, UidPrecondition(uid), cancellationToken: token), ct);

    public async Task<IReadOnlyList<V1Pod>> ListPodsAsync(string labelSelector, CancellationToken ct) =>
        // kubeAPI: pods, list
        (await Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)).Items.ToList();

    public async Task<IReadOnlyList<V1Secret>> ListSecretsAsync(string labelSelector, CancellationToken ct) =>
        // kubeAPI: secrets, list
        (await Client.CoreV1.ListNamespacedSecretAsync(Namespace, labelSelector: labelSelector, cancellationToken: ct).ConfigureAwait(false)).Items.ToList();

    public async Task<IReadOnlyList<V1Node>> ListNodesAsync(CancellationToken ct) =>
        // kubeAPI: nodes, list
        (await Client.CoreV1.ListNodeAsync(cancellationToken: ct).ConfigureAwait(false)).Items.ToList();

    /// <summary>The events about one pod, oldest first: what the scheduler and kubelet said about it.</summary>
    public async Task<IReadOnlyList<Corev1Event>> ListPodEventsAsync(string podName, CancellationToken ct)
    {
        // kubeAPI: events, list
        var events = await Client.CoreV1.ListNamespacedEventAsync(
            Namespace, fieldSelector: $"involvedObject.kind=Pod,involvedObject.name={podName}", cancellationToken: ct).ConfigureAwait(false);
        return events.Items.OrderBy(EventTime).ToList();
    }

    /// <summary>The container's log so far (not followed); <paramref name="tailLines"/> limits it to the last lines.</summary>
    public async Task<string> ReadPodLogAsync(string podName, string container, int? tailLines, CancellationToken ct)
    {
        // kubeAPI: pods/log, get
        await using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(
            podName, Namespace, container: container, tailLines: tailLines, cancellationToken: ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The last <paramref name="maxBytes"/> of the container's log so far (not followed), read as a stream so a long log
    /// costs no more memory than that, and how many bytes before them were left out.
    /// </summary>
    public async Task<(byte[] Tail, long Dropped)> ReadPodLogTailAsync(string podName, string container, int maxBytes, CancellationToken ct)
    {
        // kubeAPI: pods/log, get
        await using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(
            podName, Namespace, container: container, cancellationToken: ct).ConfigureAwait(false);
        var ring = new byte[maxBytes];
        long total = 0;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            for (var done = 0; done < read;)
            {
                var at = (int)(total % maxBytes);
                var count = Math.Min(read - done, maxBytes - at);
                buffer.AsSpan(done, count).CopyTo(ring.AsSpan(at));
                done += count;
                total += count;
            }
        }
        if (total <= maxBytes)
            return (ring[..(int)total], 0);
        var start = (int)(total % maxBytes);
        return ([.. ring.AsSpan(start), .. ring.AsSpan(0, start)], total - maxBytes);
    }

    private async Task<T> CreateFencedAsync<T>(
        T desired,
        string kind,
        Func<CancellationToken, Task<T>> create,
        Func<string, CancellationToken, Task<T?>> get,
        CancellationToken ct)
        where T : class, IMetadata<V1ObjectMeta>
    {
        try
        {
            return await create(ct).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Is(HttpStatusCode.Conflict))
        {
            // Usually our own earlier attempt: the connection dropped after the server had created it.
            var name = desired.Metadata.Name;
            var existing = await get(name, ct).ConfigureAwait(false);
            var expectedOwner = OwnerOf(desired);
            var actualOwner = existing is null ? null : OwnerOf(existing);
            if (existing is not null && expectedOwner is not null && expectedOwner == actualOwner) return existing;
            throw new ResourceConflictException(kind, name, expectedOwner, actualOwner);
        }
    }

    private string? OwnerOf(IMetadata<V1ObjectMeta> resource) =>
        resource.Metadata?.Labels?.TryGetValue(options.FencingLabel, out var owner) == true ? owner : null;

    private static async Task<bool> DeleteIfPresentAsync<T>(Func<CancellationToken, Task<T>> delete, CancellationToken ct)
    {
        try
        {
            await delete(ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Is(HttpStatusCode.NotFound))
        {
            return false;
        }
    }

    private static V1DeleteOptions UidPrecondition(string uid) => new() { Preconditions = new V1Preconditions { Uid = uid } };

    private static async Task<bool> DeleteIfSameAsync<T>(Func<CancellationToken, Task<T>> delete, CancellationToken ct)
    {
        try
        {
            return await DeleteIfPresentAsync(delete, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Is(HttpStatusCode.Conflict))
        {
            return false;
        }
    }

    private static DateTime EventTime(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;
}
