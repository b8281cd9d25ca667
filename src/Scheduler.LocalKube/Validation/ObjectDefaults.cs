using k8s;
using k8s.Models;
using Scheduler.LocalKube.Hosting;

namespace Scheduler.LocalKube.Validation;

/// <summary>The API's defaulting and create-time preparation: pod defaults and a fresh status, secret stringData, node status.</summary>
internal static class ObjectDefaults
{
    public static void PrepareForCreate(IKubernetesObject<V1ObjectMeta> obj)
    {
        switch (obj)
        {
            case V1Pod pod:
                DefaultPod(pod);
                pod.Status = new V1PodStatus { Phase = "Pending", QosClass = QosClass(pod) };
                break;
            case V1Secret secret:
                FoldStringData(secret);
                break;
            case V1Node node:
                NodeDefaults.Apply(node);
                break;
            case V1Namespace ns:
                ns.Spec ??= new V1NamespaceSpec();
                ns.Spec.Finalizers ??= ["kubernetes"];
                ns.Status = new V1NamespaceStatus { Phase = "Active" };
                ns.Metadata.Labels ??= new Dictionary<string, string>();
                ns.Metadata.Labels["kubernetes.io/metadata.name"] = ns.Metadata.Name ?? "";
                break;
        }
    }

    public static void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> obj)
    {
        switch (obj)
        {
            case V1Pod pod:
                DefaultPod(pod);
                break;
            case V1Secret secret:
                FoldStringData(secret);
                break;
        }
    }

    private static void DefaultPod(V1Pod pod)
    {
        var spec = pod.Spec ??= new V1PodSpec();
        spec.RestartPolicy ??= "Always";
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.ServiceAccountName ??= "default";
        spec.SecurityContext ??= new V1PodSecurityContext();
        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            container.TerminationMessagePath ??= "/dev/termination-log";
            container.TerminationMessagePolicy ??= "File";
            container.ImagePullPolicy ??= container.Image is { } image && (image.EndsWith(":latest", StringComparison.Ordinal) || !image.Contains(':'))
                ? "Always"
                : "IfNotPresent";
            if (container.Resources?.Limits is { } limits)
            {
                container.Resources.Requests ??= new Dictionary<string, ResourceQuantity>();
                foreach (var (name, quantity) in limits) container.Resources.Requests.TryAdd(name, quantity);
            }
        }
    }

    private static string QosClass(V1Pod pod)
    {
        var containers = pod.Spec?.Containers ?? [];
        var anyResources = containers.Any(c => c.Resources?.Requests?.Count > 0 || c.Resources?.Limits?.Count > 0);
        if (!anyResources) return "BestEffort";
        var guaranteed = containers.All(c =>
            c.Resources?.Limits is { } l && l.ContainsKey("cpu") && l.ContainsKey("memory") &&
            c.Resources.Requests is { } r && r.All(p => l.TryGetValue(p.Key, out var lim) && lim.ToDecimal() == p.Value.ToDecimal()));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static void FoldStringData(V1Secret secret)
    {
        secret.Type ??= "Opaque";
        if (secret.StringData is null) return;
        secret.Data ??= new Dictionary<string, byte[]>();
        foreach (var (key, value) in secret.StringData) secret.Data[key] = System.Text.Encoding.UTF8.GetBytes(value);
        secret.StringData = null;
    }
}
