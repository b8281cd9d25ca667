using k8s.Models;

namespace Scheduler.LocalKube.Tests.Support;

/// <summary>Builders for the objects tests create.</summary>
public static class Objects
{
    public static V1Pod Pod(string name, IDictionary<string, string>? labels = null, string command = "sleep 60") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sh", "-c", command] }],
            RestartPolicy = "Never",
        },
    };

    public static V1Secret Secret(string name, string key = "token", string value = "s3cret") => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Data = new Dictionary<string, byte[]> { [key] = System.Text.Encoding.UTF8.GetBytes(value) },
    };

    public static V1Node Node(string name, IDictionary<string, string>? labels = null, string cpu = "4", string memory = "8Gi", params V1Taint[] taints) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1NodeSpec { Taints = taints.Length == 0 ? null : taints.ToList() },
        Status = new V1NodeStatus
        {
            Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory), ["pods"] = new("110") },
        },
    };

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
