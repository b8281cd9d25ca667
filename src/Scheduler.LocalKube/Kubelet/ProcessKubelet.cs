using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Runs bound pods' containers as local processes under <c>rootDirectory</c>.</summary>
public sealed class ProcessKubelet : IKubelet
{
    private readonly IClusterState _cluster;
    private readonly string _rootDirectory;

    public ProcessKubelet(IClusterState cluster, string rootDirectory)
    {
        _cluster = cluster;
        _rootDirectory = rootDirectory;
    }

    public void StartPod(V1Pod pod) { }

    public Task StopPodAsync(string ns, string name, TimeSpan gracePeriod)
    {
        _cluster.RemovePod(ns, name);
        return Task.CompletedTask;
    }

    public void FailPod(string ns, string name, string reason, string message) { }

    public Task HandleExecAsync(HttpContext context, V1Pod pod) => NotImplemented(context);

    public Task HandleAttachAsync(HttpContext context, V1Pod pod) => NotImplemented(context);

    public Task HandleLogsAsync(HttpContext context, V1Pod pod) => NotImplemented(context);

    public void CutNextStreams(int count, int afterBytes) { }

    public bool KillContainer(string ns, string name, string? container) => false;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task NotImplemented(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status501NotImplemented;
        return Task.CompletedTask;
    }
}
