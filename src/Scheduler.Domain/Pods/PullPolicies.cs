using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>
/// The image pull policy a task pod ends up with, for <c>allowedPullPolicies</c>. A task cannot choose one: it is the
/// template's <c>containers[0].imagePullPolicy</c>, else Kubernetes' default for the image (<c>Always</c> for
/// <c>:latest</c> or no tag, <c>IfNotPresent</c> otherwise).
/// </summary>
public static class PullPolicies
{
    public static readonly IReadOnlyList<string> All = ["Always", "IfNotPresent", "Never"];

    public static string? Explicit(V1PodSpec? template) =>
        template?.Containers is [var first, ..] && !string.IsNullOrEmpty(first.ImagePullPolicy) ? first.ImagePullPolicy : null;

    public static string Effective(V1PodSpec? template, string image) => Explicit(template) ?? KubernetesDefault(image);

    public static bool Allowed(string policy, IReadOnlyList<string> allowed) => allowed.Count == 0 || allowed.Contains(policy);

    private static string KubernetesDefault(string image)
    {
        if (image.Contains('@'))
            return "IfNotPresent";
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 || lastSegment[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
