using Scheduler.Domain.Logs;

namespace Scheduler.Domain.Tests.Logs;

public class StepBannerTests
{
    [Fact]
    public void Headers_number_steps_from_one()
    {
        Assert.Equal("==> [2/3] Run tests", StepBanner.Header(1, 3, "Run tests"));
    }

    [Fact]
    public void Footers_show_exit_code_and_rounded_duration()
    {
        Assert.Equal("<== [3/3] exit 7 (1.5s)", StepBanner.Footer(2, 3, 7, TimeSpan.FromTicks(15_001_234)));
        Assert.Equal("<== [1/1] exit 0 (1m30s)", StepBanner.Footer(0, 1, 0, TimeSpan.FromSeconds(90)));
    }
}
