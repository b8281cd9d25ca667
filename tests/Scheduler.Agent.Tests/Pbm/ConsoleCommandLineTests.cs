using Scheduler.Agent.Pbm;

namespace Scheduler.Agent.Tests.Pbm;

public sealed class ConsoleCommandLineTests
{
    private static ConsoleCommandLine.Parsed? Parse(string line, out string error) =>
        ConsoleCommandLine.Parse(line.Split(' '), ConsolePalettes.Specs, out error);

    [Fact]
    public void Options_and_switches_are_read_by_their_letter()
    {
        var parsed = Parse("scheduler logs -i job-1 -f", out _);

        Assert.NotNull(parsed);
        Assert.Equal("scheduler", parsed.Palette.Name);
        Assert.Equal("logs", parsed.Command.Name);
        Assert.Equal("job-1", parsed.Command.Option("i"));
        Assert.True(parsed.Command.Switch("f"));
    }

    [Theory]
    [InlineData("bogus show", "unknown palette \"bogus\"; palettes: cluster, cluster-sharding, actor, log, scheduler, gc, constraints")]
    [InlineData("cluster", "cluster: missing command; commands: show, leave, down-unreachable, join, tail")]
    [InlineData("cluster shout", "cluster: unknown command \"shout\"; commands: show, leave, down-unreachable, join, tail")]
    [InlineData("scheduler job", "scheduler job: missing -i <id>; usage: scheduler job -i <id>")]
    [InlineData("scheduler job -i", "scheduler job: -i needs a value <id>")]
    [InlineData("scheduler jobs -x 1", "scheduler jobs: unexpected \"-x\"; usage: scheduler jobs [-s <state>] [-c <class>]")]
    [InlineData("cluster-sharding region-stats job", "cluster-sharding region-stats: unexpected \"job\"; usage: cluster-sharding region-stats -r <region>")]
    public void Bad_words_are_refused_saying_what_would_be_right(string line, string expected)
    {
        Assert.Null(Parse(line, out var error));
        Assert.Equal(expected, error);
    }
}
