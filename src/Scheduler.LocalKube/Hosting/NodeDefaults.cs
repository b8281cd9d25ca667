using k8s.Models;

namespace Scheduler.LocalKube.Hosting;

/// <summary>Fills in what a registered kubelet would report for a node: status, capacity, Ready, addresses.</summary>
internal static class NodeDefaults
{
    public const string DefaultNodeName = "localkube-node";

    public static V1Node DefaultNode() => Apply(new V1Node { Metadata = new V1ObjectMeta { Name = DefaultNodeName } });

    public static V1Node Apply(V1Node node)
    {
        node.ApiVersion = "v1";
        node.Kind = "Node";
        node.Metadata ??= new V1ObjectMeta();
        node.Metadata.Labels ??= new Dictionary<string, string>();
        var name = node.Metadata.Name ?? "";
        node.Metadata.Labels.TryAdd("kubernetes.io/hostname", name);
        node.Metadata.Labels.TryAdd("kubernetes.io/os", "linux");
        node.Metadata.Labels.TryAdd("kubernetes.io/arch", "amd64");
        node.Spec ??= new V1NodeSpec();

        var status = node.Status ??= new V1NodeStatus();
        status.Capacity ??= new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new("8"),
            ["memory"] = new("16Gi"),
            ["pods"] = new("110"),
        };
        status.Allocatable ??= new Dictionary<string, ResourceQuantity>(status.Capacity);
        status.Conditions ??= new List<V1NodeCondition>();
        if (status.Conditions.All(c => c.Type != "Ready"))
        {
            var now = DateTime.UtcNow;
            status.Conditions.Add(new V1NodeCondition
            {
                Type = "Ready",
                Status = "True",
                Reason = "KubeletReady",
                Message = "kubelet is posting ready status",
                LastHeartbeatTime = now,
                LastTransitionTime = now,
            });
        }
        status.Addresses ??= [new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }, new V1NodeAddress { Type = "Hostname", Address = name }];
        status.NodeInfo ??= new V1NodeSystemInfo
        {
            KubeletVersion = "v1.32.0-localkube",
            KubeProxyVersion = "v1.32.0-localkube",
            OperatingSystem = "linux",
            Architecture = "amd64",
            ContainerRuntimeVersion = "localkube://process",
            OsImage = "LocalKube",
            KernelVersion = "",
            MachineID = "",
            SystemUUID = "",
            BootID = "",
        };
        return node;
    }
}
