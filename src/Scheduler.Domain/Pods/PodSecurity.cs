using k8s.Models;

namespace Scheduler.Domain.Pods;

/// <summary>
/// The secure defaults of every task pod, and the template settings that would loosen them.
/// <list type="bullet">
/// <item><c>automountServiceAccountToken: false</c>: a task gets no credentials to the cluster it runs in;</item>
/// <item>pod <c>seccompProfile: RuntimeDefault</c>;</item>
/// <item>every container <c>allowPrivilegeEscalation: false</c> and <c>capabilities.drop: [NET_RAW]</c> (as GitLab Runner).</item>
/// </list>
/// A template value is kept wherever it sets one (so a template may tighten: <c>runAsNonRoot</c>, <c>drop: [ALL]</c>,
/// <c>readOnlyRootFilesystem</c>). A template that loosens them is refused at start-up unless its class sets
/// <c>allowPrivileged = true</c> (see <see cref="Loosenings"/>).
/// </summary>
public static class PodSecurity
{
    public const string RuntimeDefault = "RuntimeDefault";
    public const string NetRaw = "NET_RAW";

    public static void ApplyDefaults(V1PodSpec spec)
    {
        spec.AutomountServiceAccountToken ??= false;
        spec.SecurityContext ??= new V1PodSecurityContext();
        spec.SecurityContext.SeccompProfile ??= new V1SeccompProfile { Type = RuntimeDefault };
        foreach (var container in spec.Containers ?? [])
        {
            var context = container.SecurityContext ??= new V1SecurityContext();
            context.AllowPrivilegeEscalation ??= context.Privileged == true ? null : false;
            var capabilities = context.Capabilities ??= new V1Capabilities();
            var added = capabilities.Add ?? [];
            var dropped = capabilities.Drop ?? [];
            if (!added.Contains(NetRaw) && !added.Contains("ALL") && !dropped.Contains(NetRaw) && !dropped.Contains("ALL"))
                capabilities.Drop = [.. dropped, NetRaw];
        }
    }

    /// <summary>Each template setting that loosens the defaults, as (field path, what it does).</summary>
    public static IEnumerable<(string Path, string Problem)> Loosenings(V1PodSpec? spec)
    {
        if (spec is null)
            yield break;
        if (spec.AutomountServiceAccountToken == true)
            yield return ("spec.automountServiceAccountToken", "mounts the service account's token into the task pod");
        if (spec.HostNetwork == true)
            yield return ("spec.hostNetwork", "shares the node's network");
        if (spec.HostPID == true)
            yield return ("spec.hostPID", "shares the node's process namespace");
        if (spec.HostIPC == true)
            yield return ("spec.hostIPC", "shares the node's IPC namespace");
        if (spec.SecurityContext?.SeccompProfile?.Type is "Unconfined")
            yield return ("spec.securityContext.seccompProfile", "turns seccomp off");
        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            var context = spec.Containers![i].SecurityContext;
            var path = $"spec.containers[{i}].securityContext";
            if (context?.Privileged == true)
                yield return ($"{path}.privileged", "runs the container privileged");
            if (context?.AllowPrivilegeEscalation == true)
                yield return ($"{path}.allowPrivilegeEscalation", "lets processes gain privileges");
            if (context?.Capabilities?.Add is { Count: > 0 } added)
                yield return ($"{path}.capabilities.add", $"adds {string.Join(", ", added)}");
            if (context?.SeccompProfile?.Type is "Unconfined")
                yield return ($"{path}.seccompProfile", "turns seccomp off");
        }
    }
}
