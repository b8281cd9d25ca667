using System.Security.Cryptography;
using System.Text;
using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>Pure: computes a pod's status from its containers' states, as the kubelet reports it.</summary>
public static class PodStatusBuilder
{
    public static string Phase(IReadOnlyList<ContainerSnapshot> containers, PodFailure? failure)
    {
        if (failure is not null)
            return "Failed";
        if (containers.Count > 0 && containers.All(c => c.State is ContainerState.Terminated))
            return containers.Any(c => c.State is ContainerState.Terminated { ExitCode: not 0 }) ? "Failed" : "Succeeded";
        // A container waiting to restart has run: like the kubelet, it keeps the pod Running, not Pending.
        return containers.Any(c => c.State is ContainerState.Waiting && c.Last is null) ? "Pending" : "Running";
    }

    /// <summary>Writes phase, conditions, addresses and container statuses into <paramref name="pod"/>, keeping PodScheduled.</summary>
    public static void Apply(V1Pod pod, IReadOnlyList<ContainerSnapshot> containers, PodFailure? failure, DateTime startTime, DateTime now)
    {
        var status = pod.Status ??= new V1PodStatus();
        var phase = Phase(containers, failure);
        status.Phase = phase;
        status.Reason = failure?.Reason;
        status.Message = failure?.Message;
        status.HostIP = PodAddress.Ip;
        status.HostIPs = [new V1HostIP { Ip = PodAddress.Ip }];
        status.PodIP = PodAddress.Ip;
        status.PodIPs = [new V1PodIP { Ip = PodAddress.Ip }];
        status.StartTime = startTime;
        status.ContainerStatuses = containers.Select(ToStatus).ToList();

        var finished = phase is "Succeeded" or "Failed";
        var unready = containers.Where(c => c.State is not ContainerState.Running).Select(c => c.Name).ToList();
        var ready = !finished && unready.Count == 0;
        var (reason, message) = ready ? (null, null)
            : finished ? ("PodCompleted", null)
            : ("ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");

        SetCondition(status, "PodReadyToStartContainers", !finished, null, null, now);
        SetCondition(status, "Initialized", true, null, null, now);
        SetCondition(status, "ContainersReady", ready, reason, message, now);
        SetCondition(status, "Ready", ready, reason, message, now);
    }

    public static string ImageId(string image) =>
        $"{image.Split(':')[0]}@sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))}";

    private static V1ContainerStatus ToStatus(ContainerSnapshot container)
    {
        var running = container.State is ContainerState.Running;
        return new V1ContainerStatus
        {
            Name = container.Name,
            Image = container.Image,
            ImageID = container.State is ContainerState.Waiting ? "" : ImageId(container.Image),
            ContainerID = container.ContainerId,
            Ready = running,
            Started = running,
            RestartCount = container.RestartCount,
            LastState = container.Last is { } last ? new V1ContainerState { Terminated = Terminated(last.State, last.ContainerId) } : new V1ContainerState(),
            State = container.State switch
            {
                ContainerState.Waiting w => new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = w.Reason, Message = w.Message } },
                ContainerState.Running r => new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = r.StartedAt } },
                ContainerState.Terminated t => new V1ContainerState { Terminated = Terminated(t, container.ContainerId) },
                _ => new V1ContainerState(),
            },
        };
    }

    private static V1ContainerStateTerminated Terminated(ContainerState.Terminated state, string? containerId) => new()
    {
        ExitCode = state.ExitCode,
        Reason = state.Reason,
        Message = state.Message,
        StartedAt = state.StartedAt,
        FinishedAt = state.FinishedAt,
        ContainerID = containerId,
    };

    private static void SetCondition(V1PodStatus status, string type, bool value, string? reason, string? message, DateTime now)
    {
        var conditions = status.Conditions ??= new List<V1PodCondition>();
        var text = value ? "True" : "False";
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            conditions.Add(new V1PodCondition { Type = type, Status = text, Reason = reason, Message = message, LastTransitionTime = now });
            return;
        }
        if (existing.Status != text)
            existing.LastTransitionTime = now;
        existing.Status = text;
        existing.Reason = reason;
        existing.Message = message;
    }
}
