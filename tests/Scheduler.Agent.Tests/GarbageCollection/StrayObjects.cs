using k8s;
using k8s.Models;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Tests.GarbageCollection;

/// <summary>Pods and secrets made by hand in LocalKube, labelled as the agent's (or not), as a crashed agent would leave them.</summary>
internal static class StrayObjects
{
    private const string Namespace = "default";

    public static Dictionary<string, string> ManagedLabels(string? jobId, int attempt = 1)
    {
        var labels = new Dictionary<string, string>
        {
            [SchedulerLabels.ManagedBy] = SchedulerLabels.ManagedByValue,
            [SchedulerLabels.Attempt] = attempt.ToString(),
        };
        if (jobId is not null)
            labels[SchedulerLabels.JobId] = jobId;
        return labels;
    }

    public static Task<V1Pod> CreatePodAsync(IKubernetes client, string name, IDictionary<string, string> labels) =>
        client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sh", "-c", "sleep 300"] }],
                RestartPolicy = "Never",
            },
        }, Namespace);

    public static Task<V1Secret> CreateSecretAsync(IKubernetes client, string name, IDictionary<string, string> labels) =>
        client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            StringData = new Dictionary<string, string> { ["TOKEN"] = "stray" },
        }, Namespace);

    /// <summary>The pod exists and is not being deleted.</summary>
    public static async Task<bool> PodExistsAsync(IKubernetes client, string name) =>
        (await client.CoreV1.ListNamespacedPodAsync(Namespace, fieldSelector: $"metadata.name={name}")).Items
            .Any(p => p.Metadata.DeletionTimestamp is null);

    public static async Task<bool> SecretExistsAsync(IKubernetes client, string name) =>
        (await client.CoreV1.ListNamespacedSecretAsync(Namespace, fieldSelector: $"metadata.name={name}")).Items.Count > 0;
}
