using System.Net.Sockets;
using k8s.Autorest;
using k8s.Models;
using Scheduler.Domain.Tasks;
using Scheduler.Domain.Time;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Holds the first step back until every service with a <c>port</c> accepts a TCP connection on the pod's IP, as a
/// kubelet's <c>tcpSocket</c> probe would (the agent must be able to reach pod IPs, which an in-cluster agent can
/// unless a NetworkPolicy forbids it). A service that exits first, or one that does not accept within the class's
/// <c>serviceStartTimeout</c>, fails the job as an infrastructure failure quoting the service's last output lines.
/// Waiting repeats harmlessly when a new owner resumes the job.
/// </summary>
public sealed class ServiceReadiness(JobRuntime runtime)
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private const int QuotedLines = 10;

    public async Task WaitAsync(string podName, IReadOnlyList<ServiceSpec> services, TimeSpan timeout, CancellationToken ct)
    {
        var waiting = services.Where(s => s.Port is not null).ToList();
        var deadline = runtime.Clock.GetUtcNow() + timeout;
        while (waiting.Count > 0)
        {
            var pod = runtime.Pods.Get(podName) ?? throw new PodFailedToStartException("PodDeleted", $"pod {podName} was deleted before the steps ran");
            foreach (var service in waiting.ToList())
            {
                if (Terminated(pod, service.Name) is { } exited)
                    throw new PodFailedToStartException("ServiceExited",
                        $"service {service.Name} exited with code {exited.ExitCode} before accepting on port {service.Port}{await LastOutputAsync(podName, service, ct)}");
                if (pod.Status?.PodIP is { Length: > 0 } address && await AcceptsAsync(address, service.Port!.Value, ct))
                    waiting.Remove(service);
            }
            if (waiting.Count == 0)
                return;
            if (runtime.Clock.GetUtcNow() >= deadline)
            {
                var late = waiting[0];
                throw new PodFailedToStartException("ServiceNotReady",
                    $"service {late.Name} did not accept TCP on port {late.Port} within serviceStartTimeout ({GoDuration.Format(timeout)}){await LastOutputAsync(podName, late, ct)}");
            }
            await Task.Delay(RetryInterval, runtime.Clock, ct);
        }
    }

    private static V1ContainerStateTerminated? Terminated(V1Pod pod, string container) =>
        pod.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == container)?.State?.Terminated;

    private static async Task<bool> AcceptsAsync(string address, int port, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port, limit.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    private async Task<string> LastOutputAsync(string podName, ServiceSpec service, CancellationToken ct)
    {
        try
        {
            var output = (await runtime.Gateway.ReadPodLogAsync(podName, service.Name, QuotedLines, ct)).TrimEnd();
            return output.Length == 0 ? "; it printed nothing" : $"; its last output: {output}";
        }
        catch (HttpOperationException e)
        {
            return $"; its output cannot be read (HTTP {(int)e.Response.StatusCode})";
        }
    }
}
