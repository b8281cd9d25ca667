using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class PodStartLimitsTests
{
    private static readonly DateTimeOffset Since = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PodStartLimits Limits = new(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(90));

    private static readonly PodProgress.Stalled NoRoom = new(PodStallKind.NoRoom, "Unschedulable",
        "0/1 nodes are available: 1 Too many pods.", "FailedScheduling: 0/1 nodes are available: 1 Too many pods.");

    private static readonly PodProgress.Stalled PullFailing = new(PodStallKind.ImagePull, "ImagePullBackOff",
        "Back-off pulling image \"registry/app:1\"", "");

    [Fact]
    public void Each_kind_of_stall_has_its_own_limit()
    {
        Assert.Equal(Since.AddMinutes(3), Limits.Deadline(PodStallKind.NoRoom, Since));
        Assert.Equal(Since.AddSeconds(90), Limits.Deadline(PodStallKind.ImagePull, Since));
    }

    [Fact]
    public void A_stall_within_its_limit_may_still_recover()
    {
        Assert.Null(Limits.Expired(NoRoom, Since, Since.AddSeconds(179)));
        Assert.Null(Limits.Expired(PullFailing, Since, Since.AddSeconds(89)));
    }

    [Fact]
    public void No_room_within_the_pod_start_timeout_fails_quoting_the_scheduler_and_the_events()
    {
        var failure = Limits.Expired(NoRoom, Since, Since.AddMinutes(3));

        Assert.Equal(new PodProgress.FailFast("Unschedulable",
            "0/1 nodes are available: 1 Too many pods. — no node had room within agent.podStartTimeout (3m0s); " +
            "events: FailedScheduling: 0/1 nodes are available: 1 Too many pods."), failure);
    }

    [Fact]
    public void A_pull_failing_past_the_grace_period_fails_naming_the_key()
    {
        var failure = Limits.Expired(PullFailing, Since, Since.AddMinutes(5));

        Assert.Equal(new PodProgress.FailFast("ImagePullBackOff",
            "Back-off pulling image \"registry/app:1\" — the image could not be pulled within agent.imagePullGracePeriod (1m30s)"), failure);
    }
}
