namespace Scheduler.Domain.Constraints;

/// <summary>
/// The constraint checker's record of one resource class: consecutive failed checks, whether the class may claim,
/// the last failure's rejections (and readable reasons) and when it was last checked. A class is disabled once its failures reach the threshold
/// and enabled again by the first check that passes.
/// </summary>
public sealed record ClassCheckState(
    int ConsecutiveFailures,
    bool Enabled,
    IReadOnlyList<NodeRejection> Rejections,
    IReadOnlyList<string> Reasons,
    DateTimeOffset? LastChecked)
{
    public static readonly ClassCheckState Unchecked = new(0, true, [], [], null);

    public ClassCheckState After(ConstraintCheckResult result, int threshold, DateTimeOffset now)
    {
        if (result.Passed)
            return new ClassCheckState(0, true, [], [], now);
        var failures = ConsecutiveFailures + 1;
        return new ClassCheckState(failures, failures < threshold, result.Rejections, result.Reasons, now);
    }
}
