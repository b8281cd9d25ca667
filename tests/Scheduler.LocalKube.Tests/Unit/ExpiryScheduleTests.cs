using Scheduler.LocalKube.Lifecycle;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public sealed class ExpiryScheduleTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Due_items_are_handed_out_once_and_later_ones_stay()
    {
        var schedule = new ExpirySchedule<string, string>();
        schedule.Renew("a", "A", T0);
        schedule.Renew("b", "B", T0.AddMinutes(1));

        Assert.Equal(["A"], schedule.TakeDue(T0));
        Assert.Empty(schedule.TakeDue(T0));
        Assert.Equal(1, schedule.Count);
    }

    [Fact]
    public void Renewing_moves_the_expiry_and_forgetting_drops_the_item()
    {
        var schedule = new ExpirySchedule<string, string>();
        schedule.Renew("a", "A", T0);
        schedule.Renew("a", "A2", T0.AddMinutes(5));
        schedule.Renew("b", "B", T0);
        schedule.Forget("b");

        Assert.Empty(schedule.TakeDue(T0.AddMinutes(1)));
        Assert.Equal(["A2"], schedule.TakeDue(T0.AddMinutes(5)));
        Assert.Equal(0, schedule.Count);
    }
}
