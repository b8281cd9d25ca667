using k8s.Models;
using Scheduler.LocalKube.Threading;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// One pod on the node: its directory, its containers, its deadline and its termination.
/// Every status change goes through <see cref="Publish"/>, serialised by <see cref="Gate"/>.
/// </summary>
public sealed class PodRuntime
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _stopGate = new();
    private PodFailure? _failure;
    private bool _detached;
    private Task? _run;
    private Task? _stop;

    public PodRuntime(IClusterState cluster, V1Pod pod, string rootDirectory, TimeSpan restartBackOff)
    {
        Cluster = cluster;
        Spec = pod;
        RestartBackOff = restartBackOff;
        Directory = new PodDirectory(rootDirectory, pod);
        Directory.Create(pod);
        Events = new KubeletEvents(cluster, pod);
        Containers = pod.Spec.Containers.Select(c => new ContainerRuntime(this, c)).ToList();
    }

    public IClusterState Cluster { get; }

    public V1Pod Spec { get; }

    /// <summary>The first CrashLoopBackOff delay of a restarting container (see <see cref="Kubelet.RestartBackOff"/>).</summary>
    public TimeSpan RestartBackOff { get; }

    public string Namespace => Spec.Metadata.NamespaceProperty ?? "default";

    public string Name => Spec.Metadata.Name;

    public object Gate { get; } = new();

    public PodDirectory Directory { get; }

    public KubeletEvents Events { get; }

    public IReadOnlyList<ContainerRuntime> Containers { get; }

    public DateTime StartTime { get; } = DateTime.UtcNow;

    public ContainerRuntime? Container(string name) => Containers.FirstOrDefault(c => c.Spec.Name == name);

    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>Writes the current status into the store (no-op once the pod is gone or the kubelet shut down).</summary>
    public void Publish()
    {
        lock (Gate)
        {
            if (_detached)
                return;
            var snapshot = Containers.Select(c => c.Snapshot()).ToList();
            var failure = _failure;
            Cluster.UpdatePod(Namespace, Name, pod =>
            {
                if (pod.Metadata.Uid == Spec.Metadata.Uid)
                    PodStatusBuilder.Apply(pod, snapshot, failure, StartTime, DateTime.UtcNow);
            });
        }
    }

    /// <summary>Graceful stop: SIGTERM, wait up to the grace period, SIGKILL; completes when every process is gone.</summary>
    public Task StopAsync(TimeSpan gracePeriod, bool recordKilling = true)
    {
        lock (_stopGate)
            return _stop ??= StopCoreAsync(gracePeriod, recordKilling);
    }

    /// <summary>Marks the pod Failed with <paramref name="reason"/> and kills its processes.</summary>
    public Task FailAsync(string reason, string message, TimeSpan gracePeriod)
    {
        lock (Gate)
            _failure ??= new PodFailure(reason, message);
        Publish();
        return StopAsync(gracePeriod);
    }

    /// <summary>Stops publishing (the kubelet shuts down or the pod left the store).</summary>
    public void Detach()
    {
        lock (Gate)
            _detached = true;
    }

    private async Task RunAsync()
    {
        Publish();
        var deadline = WatchDeadlineAsync();
        await Task.WhenAll(Containers.Select(c => c.RunAsync(_stopping.Token)));
        await _stopping.CancelAsync();
        await deadline;
    }

    private async Task WatchDeadlineAsync()
    {
        if (Spec.Spec.ActiveDeadlineSeconds is not { } seconds)
            return;
        try
        {
            await Task.Delay(StartTime.AddSeconds(seconds) - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
                _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        const string message = "Pod was active on the node longer than the specified deadline";
        Events.DeadlineExceeded(message);
        _ = FailAsync("DeadlineExceeded", message, GracePeriod());
    }

    private TimeSpan GracePeriod() => TimeSpan.FromSeconds(Spec.Spec.TerminationGracePeriodSeconds ?? 30);

    private async Task StopCoreAsync(TimeSpan gracePeriod, bool recordKilling)
    {
        await _stopping.CancelAsync();
        foreach (var container in Containers.Where(c => c.IsRunning))
        {
            if (recordKilling)
                Events.Killing(container.Spec);
            container.Signal(ProcessGroup.SigTerm);
        }
        var exited = Task.WhenAll(Containers.Select(c => c.Exited));
        if (!await exited.FinishedWithinAsync(gracePeriod))
            foreach (var container in Containers)
                container.Signal(ProcessGroup.SigKill);
        if (_run is not null)
            await _run;
    }
}
