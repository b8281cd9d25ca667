using k8s.Models;

namespace Scheduler.LocalKube.Resources;

/// <summary>The core/v1 resources LocalKube serves.</summary>
internal static class ResourceCatalog
{
    public static readonly ResourceKind Namespaces = ResourceKind.Create<V1Namespace>(
        "namespaces", "Namespace", namespaced: false, ["ns"],
        n => new Dictionary<string, string>
        {
            ["metadata.name"] = n.Metadata.Name ?? "",
            ["status.phase"] = n.Status?.Phase ?? "",
        });

    public static readonly ResourceKind Pods = ResourceKind.Create<V1Pod>(
        "pods", "Pod", namespaced: true, ["po"],
        p => new Dictionary<string, string>
        {
            ["metadata.name"] = p.Metadata.Name ?? "",
            ["metadata.namespace"] = p.Metadata.NamespaceProperty ?? "",
            ["spec.nodeName"] = p.Spec?.NodeName ?? "",
            ["spec.restartPolicy"] = p.Spec?.RestartPolicy ?? "",
            ["spec.schedulerName"] = p.Spec?.SchedulerName ?? "",
            ["spec.serviceAccountName"] = p.Spec?.ServiceAccountName ?? "",
            ["status.phase"] = p.Status?.Phase ?? "",
            ["status.podIP"] = p.Status?.PodIP ?? "",
            ["status.nominatedNodeName"] = p.Status?.NominatedNodeName ?? "",
        });

    public static readonly ResourceKind Secrets = ResourceKind.Create<V1Secret>(
        "secrets", "Secret", namespaced: true, [],
        s => new Dictionary<string, string>
        {
            ["metadata.name"] = s.Metadata.Name ?? "",
            ["metadata.namespace"] = s.Metadata.NamespaceProperty ?? "",
            ["type"] = s.Type ?? "",
        });

    public static readonly ResourceKind ConfigMaps = ResourceKind.Create<V1ConfigMap>(
        "configmaps", "ConfigMap", namespaced: true, ["cm"],
        c => new Dictionary<string, string>
        {
            ["metadata.name"] = c.Metadata.Name ?? "",
            ["metadata.namespace"] = c.Metadata.NamespaceProperty ?? "",
        });

    public static readonly ResourceKind Nodes = ResourceKind.Create<V1Node>(
        "nodes", "Node", namespaced: false, ["no"],
        n => new Dictionary<string, string>
        {
            ["metadata.name"] = n.Metadata.Name ?? "",
            ["spec.unschedulable"] = (n.Spec?.Unschedulable ?? false) ? "true" : "false",
        });

    public static readonly ResourceKind Events = ResourceKind.Create<Corev1Event>(
        "events", "Event", namespaced: true, ["ev"],
        e => new Dictionary<string, string>
        {
            ["metadata.name"] = e.Metadata.Name ?? "",
            ["metadata.namespace"] = e.Metadata.NamespaceProperty ?? "",
            ["involvedObject.kind"] = e.InvolvedObject?.Kind ?? "",
            ["involvedObject.namespace"] = e.InvolvedObject?.NamespaceProperty ?? "",
            ["involvedObject.name"] = e.InvolvedObject?.Name ?? "",
            ["involvedObject.uid"] = e.InvolvedObject?.Uid ?? "",
            ["involvedObject.apiVersion"] = e.InvolvedObject?.ApiVersion ?? "",
            ["involvedObject.resourceVersion"] = e.InvolvedObject?.ResourceVersion ?? "",
            ["involvedObject.fieldPath"] = e.InvolvedObject?.FieldPath ?? "",
            ["reason"] = e.Reason ?? "",
            ["reportingComponent"] = e.ReportingComponent ?? "",
            ["source"] = e.Source?.Component ?? "",
            ["type"] = e.Type ?? "",
        });

    public static readonly IReadOnlyList<ResourceKind> All = [Namespaces, Pods, Secrets, ConfigMaps, Nodes, Events];

    public static ResourceKind? Find(string plural) => All.FirstOrDefault(k => k.Plural == plural);
}
