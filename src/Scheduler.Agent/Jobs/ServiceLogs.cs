using System.Text;
using k8s.Autorest;
using Scheduler.Agent.Logs;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Logs;

namespace Scheduler.Agent.Jobs;

/// <summary>
/// Stores each service's output in the job's log after the steps' output, once the job has ended and before its pod
/// is deleted: per service a <c>==&gt; service NAME (IMAGE)</c> line, its container log (stdout and stderr as the
/// kubelet keeps them, secret values masked, at most the last <see cref="MaxBytesPerService"/>), and a
/// <c>&lt;== service NAME: …</c> line saying how it ended; the two framing lines are the log's <see cref="LogStream.System"/>
/// stream. A cleanup repeated after every step finished finds the section (or its start) already written and leaves
/// it; after a step cut short (cancel, timeout) that cannot be told, so a replica lost in the middle of such a cleanup
/// may leave the section twice.
/// </summary>
public static class ServiceLogs
{
    public const int MaxBytesPerService = 1024 * 1024;

    public static async Task AppendAsync(JobRuntime runtime, JobState state, CancellationToken ct)
    {
        if (state.Spec.Services.Count == 0 || !state.PodExists || state.PodName is not { } podName)
            return;
        var jobId = state.JobId.Value;
        var offset = await runtime.Logs.LengthAsync(jobId, ct);
        if (AlreadyWritten(await runtime.Logs.StepsAsync(jobId, ct), offset))
            return;

        var statuses = runtime.Pods.Get(podName)?.Status?.ContainerStatuses ?? [];
        foreach (var service in state.Spec.Services)
        {
            async Task WriteAsync(LogStream stream, byte[] bytes)
            {
                await runtime.Logs.AppendAsync(jobId, offset, stream, bytes, ct);
                offset += bytes.Length;
            }

            await WriteAsync(LogStream.System, Encoding.UTF8.GetBytes($"==> service {service.Name} ({service.Image})\n"));
            var (output, unavailable) = await ReadAsync(runtime, podName, service.Name, ct);
            var masked = Mask(output, state.Spec.Secrets.Values);
            if (masked.Length > 0)
                await WriteAsync(LogStream.Stdout, masked);
            var ending = unavailable
                ?? (statuses.FirstOrDefault(s => s.Name == service.Name)?.State?.Terminated is { } exited ? $"exited with code {exited.ExitCode}" : "stopped with the pod");
            var newline = masked.Length > 0 && masked[^1] != (byte)'\n' ? "\n" : "";
            await WriteAsync(LogStream.System, Encoding.UTF8.GetBytes($"{newline}<== service {service.Name}: {ending}\n"));
        }
    }

    /// <summary>Every step finished and the log runs past the last one's end: only this section writes there.</summary>
    private static bool AlreadyWritten(IReadOnlyList<LogStep> steps, long length) =>
        steps.All(s => s.EndOffset is not null) && length > (steps.Count == 0 ? 0 : steps.Max(s => s.EndOffset!.Value));

    /// <summary>The service's output, or why it cannot be read: the section is written regardless, and the pod deleted.</summary>
    private static async Task<(byte[] Output, string? Unavailable)> ReadAsync(JobRuntime runtime, string podName, string container, CancellationToken ct)
    {
        try
        {
            var (tail, dropped) = await runtime.Gateway.ReadPodLogTailAsync(podName, container, MaxBytesPerService, ct);
            return dropped == 0 ? (tail, null) : ([.. Encoding.UTF8.GetBytes($"(the first {dropped} bytes are left out)\n"), .. tail], null);
        }
        catch (HttpOperationException e)
        {
            return ([], $"output unavailable (HTTP {(int)e.Response.StatusCode})");
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            return ([], $"output unavailable ({e.Message})");
        }
    }

    private static byte[] Mask(byte[] output, IEnumerable<string> secrets)
    {
        var masker = new SecretMasker(secrets);
        return [.. masker.Process(output), .. masker.Flush()];
    }
}
