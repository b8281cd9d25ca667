using k8s.Models;

namespace Scheduler.Domain.Constraints;

/// <summary>Whether a pod's tolerations cover a node's taints, as the TaintToleration filter decides.</summary>
public static class TaintToleration
{
    /// <summary>The taints a pod must tolerate to be scheduled; <c>PreferNoSchedule</c> only lowers a node's score.</summary>
    public static readonly IReadOnlySet<string> SchedulingEffects = new HashSet<string> { "NoSchedule", "NoExecute" };

    public static bool Tolerated(IEnumerable<V1Toleration>? tolerations, V1Taint taint) =>
        (tolerations ?? []).Any(t => Tolerates(t, taint));

    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
            return false;
        var exists = toleration.OperatorProperty == "Exists";
        if (string.IsNullOrEmpty(toleration.Key))
            return exists; // an empty key with Exists tolerates every taint
        if (toleration.Key != taint.Key)
            return false;
        return exists || (toleration.Value ?? "") == (taint.Value ?? "");
    }

    public static string Describe(V1Taint taint) =>
        string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";
}
