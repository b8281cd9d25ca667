using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Scheduler.Benchmarks.Cluster;

/// <summary>A one-line account of a pod as the server has it, for error messages when a wait times out.</summary>
public static class PodDescription
{
    public static async Task<string> ReadAsync(BenchmarkCluster cluster, string name)
    {
        try
        {
            var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync(name, BenchmarkCluster.Namespace);
            return Describe(pod);
        }
        catch (HttpOperationException ex)
        {
            return $"GET failed with {(int)ex.Response.StatusCode}";
        }
    }

    public static string Describe(V1Pod pod)
    {
        var status = pod.Status;
        var conditions = string.Join(", ", (status?.Conditions ?? []).Select(c => $"{c.Type}={c.Status}{(c.Reason is null ? "" : $" ({c.Reason})")}"));
        var containers = string.Join(", ", (status?.ContainerStatuses ?? []).Select(c =>
            $"{c.Name}: {(c.State?.Running is not null ? "running" : c.State?.Waiting is { } w ? $"waiting {w.Reason}" : c.State?.Terminated is { } t ? $"terminated {t.ExitCode}" : "?")}"));
        return $"phase {status?.Phase ?? "-"}, node {pod.Spec?.NodeName ?? "-"}, rv {pod.Metadata.ResourceVersion}, conditions [{conditions}], containers [{containers}]";
    }
}
