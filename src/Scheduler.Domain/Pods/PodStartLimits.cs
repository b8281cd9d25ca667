using Scheduler.Domain.Time;

namespace Scheduler.Domain.Pods;

/// <summary>How long a starting pod may stay <see cref="PodProgress.Stalled"/> before its job fails, by kind of stall.</summary>
public sealed record PodStartLimits(TimeSpan PodStartTimeout, TimeSpan ImagePullGracePeriod)
{
    public TimeSpan For(PodStallKind kind) => kind == PodStallKind.NoRoom ? PodStartTimeout : ImagePullGracePeriod;

    /// <summary>When a stall of <paramref name="kind"/> that began at <paramref name="since"/> fails the job.</summary>
    public DateTimeOffset Deadline(PodStallKind kind, DateTimeOffset since) => since + For(kind);

    /// <summary>
    /// The job's failure once <paramref name="stalled"/>, stalled the same way since <paramref name="since"/>, has
    /// outlasted its limit at <paramref name="now"/>; null while it may still recover.
    /// </summary>
    public PodProgress.FailFast? Expired(PodProgress.Stalled stalled, DateTimeOffset since, DateTimeOffset now)
    {
        if (now < Deadline(stalled.Kind, since))
            return null;
        var limit = stalled.Kind == PodStallKind.NoRoom
            ? $"no node had room within agent.podStartTimeout ({GoDuration.Format(PodStartTimeout)})"
            : $"the image could not be pulled within agent.imagePullGracePeriod ({GoDuration.Format(ImagePullGracePeriod)})";
        var events = stalled.QuotedEvents.Length == 0 ? "" : $"; events: {stalled.QuotedEvents}";
        return new PodProgress.FailFast(stalled.Reason, $"{stalled.Message} — {limit}{events}");
    }
}
