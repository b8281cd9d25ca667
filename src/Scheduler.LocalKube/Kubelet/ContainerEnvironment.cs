using System.Text;
using k8s.Models;

namespace Scheduler.LocalKube.Kubelet;

/// <summary>
/// Builds a container's environment as the kubelet does: defaults, then envFrom, then env in order
/// (with $(VAR) expansion and valueFrom). A missing secret or key is the kubelet's CreateContainerConfigError.
/// </summary>
public static class ContainerEnvironment
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static (Dictionary<string, string>? Environment, string? Error) Build(
        V1Pod pod, V1Container container, string home, Func<string, string, V1Secret?> getSecret)
    {
        var ns = pod.Metadata.NamespaceProperty ?? "default";
        var env = new Dictionary<string, string>
        {
            ["PATH"] = DefaultPath,
            ["HOME"] = home,
            ["HOSTNAME"] = pod.Metadata.Name,
        };

        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.SecretRef is not { } secretRef)
                continue;
            var secret = getSecret(ns, secretRef.Name);
            if (secret is null)
            {
                if (secretRef.Optional == true)
                    continue;
                return (null, $"secret \"{secretRef.Name}\" not found");
            }
            foreach (var (key, value) in SecretValues(secret))
                env[(source.Prefix ?? "") + key] = value;
        }

        foreach (var variable in container.Env ?? [])
        {
            if (variable.ValueFrom is null)
            {
                env[variable.Name] = EnvExpansion.Expand(variable.Value ?? "", n => env.GetValueOrDefault(n));
                continue;
            }
            var (value, error) = Resolve(pod, ns, variable.ValueFrom, getSecret);
            if (error is not null)
                return (null, error);
            if (value is not null)
                env[variable.Name] = value;
        }
        return (env, null);
    }

    private static (string? Value, string? Error) Resolve(
        V1Pod pod, string ns, V1EnvVarSource source, Func<string, string, V1Secret?> getSecret)
    {
        if (source.SecretKeyRef is { } keyRef)
        {
            var secret = getSecret(ns, keyRef.Name);
            if (secret is null)
                return keyRef.Optional == true ? (null, null) : (null, $"secret \"{keyRef.Name}\" not found");
            if (SecretValues(secret).TryGetValue(keyRef.Key, out var value))
                return (value, null);
            return keyRef.Optional == true ? (null, null) : (null, $"couldn't find key {keyRef.Key} in Secret {ns}/{keyRef.Name}");
        }
        if (source.FieldRef is { } fieldRef)
            return (FieldValue(pod, fieldRef.FieldPath), null);
        if (source.ConfigMapKeyRef is { } configMapRef)
            return configMapRef.Optional == true ? (null, null) : (null, $"configmap \"{configMapRef.Name}\" not found");
        return (null, null);
    }

    private static string? FieldValue(V1Pod pod, string path) => path switch
    {
        "metadata.name" => pod.Metadata.Name,
        "metadata.namespace" => pod.Metadata.NamespaceProperty,
        "metadata.uid" => pod.Metadata.Uid,
        "spec.nodeName" => pod.Spec.NodeName,
        "spec.serviceAccountName" => pod.Spec.ServiceAccountName,
        "status.hostIP" or "status.podIP" => PodAddress.Ip,
        _ when path.StartsWith("metadata.labels['", StringComparison.Ordinal) =>
            Lookup(pod.Metadata.Labels, path["metadata.labels['".Length..^2]),
        _ when path.StartsWith("metadata.annotations['", StringComparison.Ordinal) =>
            Lookup(pod.Metadata.Annotations, path["metadata.annotations['".Length..^2]),
        _ => null,
    };

    private static string? Lookup(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    private static Dictionary<string, string> SecretValues(V1Secret secret)
    {
        var values = new Dictionary<string, string>();
        foreach (var (key, bytes) in secret.Data ?? new Dictionary<string, byte[]>())
            values[key] = Encoding.UTF8.GetString(bytes);
        foreach (var (key, text) in secret.StringData ?? new Dictionary<string, string>())
            values[key] = text;
        return values;
    }
}
