using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace Scheduler.LocalKube.Validation;

/// <summary>The apiserver's validation for the kinds LocalKube stores; each problem is a Status cause with a field path.</summary>
public static partial class ObjectValidator
{
    public static IReadOnlyList<V1StatusCause> Validate(IKubernetesObject<V1ObjectMeta> obj)
    {
        var causes = new List<V1StatusCause>();
        ValidateName(obj, causes);
        switch (obj)
        {
            case V1Pod pod:
                ValidatePod(pod, causes);
                break;
            case V1Node node:
                ValidateTaints(node, causes);
                break;
        }
        return causes;
    }

    public static bool IsDns1123Subdomain(string value) => value.Length <= 253 && Subdomain().IsMatch(value);

    public static bool IsDns1123Label(string value) => value.Length <= 63 && Label().IsMatch(value);

    private static void ValidateName(IKubernetesObject<V1ObjectMeta> obj, List<V1StatusCause> causes)
    {
        var meta = obj.Metadata;
        if (string.IsNullOrEmpty(meta.Name) && string.IsNullOrEmpty(meta.GenerateName))
        {
            causes.Add(Required("metadata.name", "name or generateName is required"));
            return;
        }
        // A generated name is the prefix plus 5 lowercase alphanumerics, so validate the prefix with one appended.
        var name = string.IsNullOrEmpty(meta.Name) ? meta.GenerateName + "x" : meta.Name;
        var field = string.IsNullOrEmpty(meta.Name) ? "metadata.generateName" : "metadata.name";
        if (obj is V1Namespace)
        {
            if (!IsDns1123Label(name))
                causes.Add(Invalid(field, name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        }
        else if (obj is not Corev1Event && !IsDns1123Subdomain(name))
        {
            causes.Add(Invalid(field, name, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }
    }

    private static void ValidatePod(V1Pod pod, List<V1StatusCause> causes)
    {
        var containers = pod.Spec?.Containers ?? [];
        if (containers.Count == 0)
        {
            causes.Add(Required("spec.containers", null));
            return;
        }
        var seen = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var path = $"spec.containers[{i}]";
            if (string.IsNullOrEmpty(container.Name)) causes.Add(Required($"{path}.name", null));
            else if (!IsDns1123Label(container.Name))
                causes.Add(Invalid($"{path}.name", container.Name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"));
            else if (!seen.Add(container.Name))
                causes.Add(new V1StatusCause { Field = $"{path}.name", Reason = "FieldValueDuplicate", Message = $"Duplicate value: \"{container.Name}\"" });
            if (string.IsNullOrWhiteSpace(container.Image)) causes.Add(Required($"{path}.image", null));
        }
        if (pod.Spec?.RestartPolicy is { } policy && policy is not ("Always" or "OnFailure" or "Never"))
            causes.Add(new V1StatusCause { Field = "spec.restartPolicy", Reason = "FieldValueNotSupported", Message = $"Unsupported value: \"{policy}\": supported values: \"Always\", \"OnFailure\", \"Never\"" });
        if (pod.Spec?.ActiveDeadlineSeconds is <= 0)
            causes.Add(Invalid("spec.activeDeadlineSeconds", pod.Spec.ActiveDeadlineSeconds.ToString()!, "must be between 1 and 2147483647, inclusive"));
    }

    private static void ValidateTaints(V1Node node, List<V1StatusCause> causes)
    {
        var taints = node.Spec?.Taints ?? [];
        for (var i = 0; i < taints.Count; i++)
        {
            if (taints[i].Effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
                causes.Add(new V1StatusCause { Field = $"spec.taints[{i}].effect", Reason = "FieldValueNotSupported", Message = $"Unsupported value: \"{taints[i].Effect}\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"" });
        }
    }

    private static V1StatusCause Required(string field, string? detail) => new()
    {
        Field = field,
        Reason = "FieldValueRequired",
        Message = detail is null ? "Required value" : $"Required value: {detail}",
    };

    private static V1StatusCause Invalid(string field, string value, string detail) => new()
    {
        Field = field,
        Reason = "FieldValueInvalid",
        Message = $"Invalid value: \"{value}\": {detail}",
    };

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
