using Scheduler.Domain.Logs;

namespace Scheduler.Domain.Tests.Logs;

public class OutputLimitMarkerTests
{
    [Fact]
    public void The_marker_is_one_line_naming_the_limit_and_starts_a_line_of_its_own()
    {
        Assert.Equal("[scheduler] output limit of 1 MiB reached: the rest of this job's output is dropped; its steps keep running\n",
            OutputLimitMarker.Line(1024 * 1024, atLineStart: true));
        Assert.StartsWith("\n[scheduler] output limit of 3 KiB", OutputLimitMarker.Line(3 * 1024, atLineStart: false));
        Assert.Contains("1000 bytes", OutputLimitMarker.Line(1000, atLineStart: true));
    }
}
