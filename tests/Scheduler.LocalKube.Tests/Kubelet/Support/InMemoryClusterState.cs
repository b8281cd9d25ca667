using k8s;
using k8s.Models;
using Scheduler.LocalKube.Kubelet;

namespace Scheduler.LocalKube.Tests.Kubelet.Support;

/// <summary>A small real store for kubelet tests: pods, secrets and events, with awaitable changes.</summary>
public sealed class InMemoryClusterState : IClusterState
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), V1Pod> _pods = new();
    private readonly Dictionary<(string, string), V1Secret> _secrets = new();
    private readonly List<Corev1Event> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Corev1Event> Events
    {
        get { lock (_gate) return _events.ToList(); }
    }

    public V1Pod AddPod(V1Pod pod)
    {
        pod.Metadata.NamespaceProperty ??= "default";
        pod.Metadata.Uid ??= Guid.NewGuid().ToString();
        pod.Spec.NodeName ??= "node-1";
        lock (_gate)
            _pods[(pod.Metadata.NamespaceProperty, pod.Metadata.Name)] = pod;
        Pulse();
        return Clone(pod);
    }

    public void AddSecret(V1Secret secret)
    {
        lock (_gate)
            _secrets[(secret.Metadata.NamespaceProperty ?? "default", secret.Metadata.Name)] = secret;
    }

    public V1Pod? GetPod(string ns, string name)
    {
        lock (_gate)
            return _pods.TryGetValue((ns, name), out var pod) ? Clone(pod) : null;
    }

    public V1Secret? GetSecret(string ns, string name)
    {
        lock (_gate)
            return _secrets.GetValueOrDefault((ns, name));
    }

    public bool UpdatePod(string ns, string name, Action<V1Pod> mutate)
    {
        lock (_gate)
        {
            if (!_pods.TryGetValue((ns, name), out var pod))
                return false;
            mutate(pod);
        }
        Pulse();
        return true;
    }

    public void RecordEvent(V1ObjectReference involvedObject, string reason, string message, string type = "Normal")
    {
        lock (_gate)
            _events.Add(new Corev1Event { InvolvedObject = involvedObject, Reason = reason, Message = message, Type = type });
        Pulse();
    }

    public void RemovePod(string ns, string name)
    {
        lock (_gate)
            _pods.Remove((ns, name));
        Pulse();
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the store, or fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (condition())
                return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException("timed out waiting for " + what);
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    public async Task<V1Pod> WaitForPodAsync(string name, Func<V1Pod, bool> condition, string what, TimeSpan? timeout = null)
    {
        V1Pod? matched = null;
        await WaitUntilAsync(() => (matched = GetPod("default", name)) is { } pod && condition(pod), $"pod {name} {what}", timeout);
        return matched!;
    }

    public Task WaitForEventAsync(string reason, Func<Corev1Event, bool>? match = null) =>
        WaitUntilAsync(() => Events.Any(e => e.Reason == reason && (match?.Invoke(e) ?? true)), $"event {reason}");

    private void Pulse()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.TrySetResult();
    }

    private static V1Pod Clone(V1Pod pod) => KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pod));
}
