using System.Text.RegularExpressions;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Domain.Tests.Pods;

public class ResourceNamesTests
{
    private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    [Fact]
    public void Pod_and_secret_names_follow_from_job_id_and_attempt()
    {
        var id = new JobId("t-01h2x3");
        Assert.Equal("sched-t-01h2x3-1", ResourceNames.Pod(id, 1));
        Assert.Equal("sched-t-01h2x3-2", ResourceNames.Pod(id, 2));
        Assert.Equal("sched-t-01h2x3-1-secrets", ResourceNames.Secret(id, 1));
    }

    [Fact]
    public void The_longest_job_id_still_gives_a_valid_pod_name()
    {
        var name = ResourceNames.Pod(new JobId(new string('a', JobId.MaxLength)), 99);
        Assert.True(name.Length <= 63);
        Assert.Matches(Dns1123Label, name);
    }

    [Fact]
    public void Attempts_start_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourceNames.Pod(new JobId("t-1"), 0));
    }
}
