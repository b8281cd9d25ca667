using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Kubelet.Logs;
using Scheduler.LocalKube.Kubelet.Streaming;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// The kubelet of LocalKube's single host: runs bound pods' containers as local processes (one process group each)
/// under <c>rootDirectory/pods/</c>, and serves their exec, attach and logs.
/// </summary>
public sealed class ProcessKubelet : IKubelet
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(2);
    private readonly IClusterState _cluster;
    private readonly string _rootDirectory;
    private readonly ConcurrentDictionary<(string Namespace, string Name), PodRuntime> _pods = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly StreamFaults _faults = new();
    private readonly TimeSpan _restartBackOff;

    /// <param name="restartBackOff">The first CrashLoopBackOff delay; the kubelet's 10 s when null.</param>
    public ProcessKubelet(IClusterState cluster, string rootDirectory, TimeSpan? restartBackOff = null)
    {
        _cluster = cluster;
        _restartBackOff = restartBackOff ?? RestartBackOff.KubeletInitial;
        _rootDirectory = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(Path.Combine(_rootDirectory, "pods"));
    }

    public void StartPod(V1Pod pod)
    {
        var key = (pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name);
        Track(Task.Run(() =>
        {
            var runtime = new PodRuntime(_cluster, pod, _rootDirectory, _restartBackOff);
            if (_pods.TryAdd(key, runtime))
                runtime.Start();
            else
                runtime.Directory.Delete();
        }));
    }

    public async Task StopPodAsync(string ns, string name, TimeSpan gracePeriod)
    {
        if (_pods.TryGetValue((ns, name), out var runtime))
        {
            await runtime.StopAsync(gracePeriod);
            runtime.Detach();
            _pods.TryRemove(new KeyValuePair<(string, string), PodRuntime>((ns, name), runtime));
            runtime.Directory.Delete();
        }
        _cluster.RemovePod(ns, name);
    }

    public void FailPod(string ns, string name, string reason, string message)
    {
        if (_pods.TryGetValue((ns, name), out var runtime))
        {
            Track(runtime.FailAsync(reason, message, TimeSpan.Zero));
            return;
        }
        _cluster.UpdatePod(ns, name, pod =>
        {
            var status = pod.Status ??= new V1PodStatus();
            status.Phase = "Failed";
            status.Reason = reason;
            status.Message = message;
        });
    }

    public async Task HandleExecAsync(HttpContext context, V1Pod pod)
    {
        var request = StreamRequest.Parse(context.Request.Query);
        if (request.Command.Count == 0)
        {
            await KubeletErrors.BadRequest(context, "you must specify at least 1 command");
            return;
        }
        await HandleStreamAsync(context, pod, request, "exec", ExecSession.RunAsync);
    }

    public Task HandleAttachAsync(HttpContext context, V1Pod pod) =>
        HandleStreamAsync(context, pod, StreamRequest.Parse(context.Request.Query), "attach", AttachSession.RunAsync);

    public async Task HandleLogsAsync(HttpContext context, V1Pod pod)
    {
        var (query, queryError) = LogQuery.Parse(context.Request.Query);
        if (query is null)
        {
            await KubeletErrors.BadRequest(context, queryError!);
            return;
        }
        var (spec, error) = ContainerSelection.Select(pod, query.Container);
        if (spec is null)
        {
            await KubeletErrors.BadRequest(context, error!);
            return;
        }
        var container = Runtime(pod)?.Container(spec.Name);
        if (query.Previous)
        {
            if (container?.PreviousRun is not { } previous)
            {
                await KubeletErrors.BadRequest(context, $"previous terminated container \"{spec.Name}\" in pod \"{pod.Metadata.Name}\" not found");
                return;
            }
            await LogStreamer.StreamAsync(context, query, previous.Log);
            return;
        }
        if (container is not { HasRun: true })
        {
            var state = container?.State ?? new ContainerState.Waiting("ContainerCreating");
            await KubeletErrors.BadRequest(context, ContainerSelection.WaitingMessage(pod, spec.Name, state));
            return;
        }
        await LogStreamer.StreamAsync(context, query, container.CurrentRun.Log);
    }

    public void CutNextStreams(int count, int afterBytes) => _faults.CutNext(count, afterBytes);

    public bool KillContainer(string ns, string name, string? container)
    {
        if (!_pods.TryGetValue((ns, name), out var runtime))
            return false;
        var target = container is null ? runtime.Containers.FirstOrDefault() : runtime.Container(container);
        if (target is not { IsRunning: true })
            return false;
        target.Signal(ProcessGroup.SigKill);
        return true;
    }

    /// <summary>Kills every process still running, waits for them, and removes the pods' directories.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_background.Keys.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        var runtimes = _pods.Values.ToList();
        foreach (var runtime in runtimes)
            runtime.Detach();
        await Task.WhenAll(runtimes.Select(r => r.StopAsync(ShutdownGrace, recordKilling: false)));
        foreach (var runtime in runtimes)
            runtime.Directory.Delete();
        _pods.Clear();
    }

    private async Task HandleStreamAsync(
        HttpContext context, V1Pod pod, StreamRequest request, string verb,
        Func<ChannelSocket, ContainerRuntime, StreamRequest, Task> session)
    {
        var (spec, error) = ContainerSelection.Select(pod, request.Container);
        if (spec is null)
        {
            await KubeletErrors.BadRequest(context, error!);
            return;
        }
        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            await KubeletErrors.BadRequest(context, $"cannot {verb} into a container in a completed pod; current phase is {pod.Status.Phase}");
            return;
        }
        if (!request.Stdin && !request.Stdout && !request.Stderr)
        {
            await KubeletErrors.BadRequest(context, "you must specify at least one of stdin, stdout, stderr");
            return;
        }
        var container = Runtime(pod)?.Container(spec.Name);
        if (container is not { IsRunning: true })
        {
            await KubeletErrors.BadRequest(context, $"container {spec.Name} is not running in pod {pod.Metadata.Name}");
            return;
        }
        var protocol = ChannelProtocol.Negotiate(context.Request.Headers.SecWebSocketProtocol.Select(p => p ?? ""));
        if (protocol is null)
        {
            await KubeletErrors.BadRequest(context,
                $"requested protocol(s) are not supported: {context.Request.Headers.SecWebSocketProtocol}; supports {string.Join(", ", ChannelProtocol.Supported)}");
            return;
        }
        if (!WebSocketUpgrade.IsUpgradeRequest(context))
        {
            await KubeletErrors.BadRequest(context, "Upgrade request required");
            return;
        }
        var socket = await ChannelSocket.AcceptAsync(context, protocol, _faults.TakeCut());
        await session(socket, container, request);
    }

    private PodRuntime? Runtime(V1Pod pod) =>
        _pods.TryGetValue((pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name), out var runtime) &&
        runtime.Spec.Metadata.Uid == pod.Metadata.Uid
            ? runtime
            : null;

    private void Track(Task task)
    {
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
    }
}
