using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// The kubelet half of LocalKube: runs bound pods as local processes and serves exec, attach and logs.
/// The API-server half calls it; it reports back only through <see cref="IClusterState"/>.
/// </summary>
public interface IKubelet : IAsyncDisposable
{
    /// <summary>Called once when the scheduler has bound the pod (spec.nodeName is set).</summary>
    void StartPod(V1Pod pod);

    /// <summary>
    /// Graceful deletion: SIGTERM to every process tree of the pod, wait up to <paramref name="gracePeriod"/>,
    /// then SIGKILL; then <see cref="IClusterState.RemovePod"/>. Also works for pods that never started.
    /// </summary>
    Task StopPodAsync(string ns, string name, TimeSpan gracePeriod);

    /// <summary>The node was deleted: kill the pod's processes and mark it Failed (reason NodeLost).</summary>
    void FailPod(string ns, string name, string reason, string message);

    /// <summary>GET/POST …/pods/{name}/exec. Writes a Status error before any upgrade when the request is bad.</summary>
    Task HandleExecAsync(HttpContext context, V1Pod pod);

    /// <summary>GET/POST …/pods/{name}/attach.</summary>
    Task HandleAttachAsync(HttpContext context, V1Pod pod);

    /// <summary>GET …/pods/{name}/log.</summary>
    Task HandleLogsAsync(HttpContext context, V1Pod pod);

    /// <summary>Fault: cut the next <paramref name="count"/> exec/attach streams after <paramref name="afterBytes"/> output bytes, with no status frame.</summary>
    void CutNextStreams(int count, int afterBytes);

    /// <summary>Fault: kill the container's main process with SIGKILL (exit code 137).</summary>
    bool KillContainer(string ns, string name, string? container);
}
