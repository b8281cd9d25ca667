using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Scheduler.LocalKube.Kubelet;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>
/// A kubelet that runs nothing: started pods become Running at once, stopped pods are removed, failed pods fail.
/// Lets API-server tests see scheduling and deletion without processes.
/// </summary>
public sealed class RecordingKubelet(IClusterState cluster) : IKubelet
{
    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<(string Pod, TimeSpan Grace)> Stopped { get; } = new();

    public ConcurrentQueue<(string Pod, string Reason)> Failed { get; } = new();

    public void StartPod(V1Pod pod)
    {
        Started.Enqueue(pod.Metadata.Name);
        cluster.UpdatePod(pod.Metadata.NamespaceProperty, pod.Metadata.Name, p => p.Status.Phase = "Running");
    }

    public Task StopPodAsync(string ns, string name, TimeSpan gracePeriod)
    {
        Stopped.Enqueue((name, gracePeriod));
        cluster.RemovePod(ns, name);
        return Task.CompletedTask;
    }

    public void FailPod(string ns, string name, string reason, string message)
    {
        Failed.Enqueue((name, reason));
        cluster.UpdatePod(ns, name, p =>
        {
            p.Status.Phase = "Failed";
            p.Status.Reason = reason;
            p.Status.Message = message;
        });
    }

    public Task HandleExecAsync(HttpContext context, V1Pod pod) => Task.CompletedTask;

    public Task HandleAttachAsync(HttpContext context, V1Pod pod) => Task.CompletedTask;

    public Task HandleLogsAsync(HttpContext context, V1Pod pod) => Task.CompletedTask;

    public void CutNextStreams(int count, int afterBytes)
    {
    }

    public bool KillContainer(string ns, string name, string? container) => false;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
