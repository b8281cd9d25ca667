using Akka.Event;
using Akka.TestKit.Xunit2;
using Scheduler.Agent.Pbm;
using Scheduler.Agent.Pbm.Palettes;
using static Scheduler.Agent.Tests.Pbm.ConsoleCommands;

namespace Scheduler.Agent.Tests.Pbm;

public sealed class ActorAndLogPaletteTests() : TestKit("akka.loglevel = INFO")
{
    [Fact]
    public void Hierarchy_shows_the_tree_to_the_depth_asked()
    {
        var palette = Sys.ActorOf(ActorPaletteActor.Props(), "pbm-actor");

        var shallow = PaletteAnswer.Ask(this, palette, With("hierarchy", ("d", "1")));
        var deeper = PaletteAnswer.Ask(this, palette, With("hierarchy", ("d", "2")));

        Assert.Equal(["/system", "/user", "Count: 2 actors"], shallow.Output);
        Assert.Contains("  /user/pbm-actor", deeper.Output);
    }

    [Fact]
    public void Hierarchy_with_a_bad_depth_is_bad_input()
    {
        var answer = PaletteAnswer.Ask(this, Sys.ActorOf(ActorPaletteActor.Props()), With("hierarchy", ("d", "zero")));

        Assert.Equal(ConsoleExitCodes.BadInput, answer.ExitCode);
        Assert.Equal("actor hierarchy: -d must be a whole number from 1, got \"zero\"", Assert.Single(answer.Errors));
    }

    [Fact]
    public void Peek_shows_the_last_lines_logged()
    {
        var palette = Sys.ActorOf(LogPaletteActor.Props());
        // The subscription is made when the actor starts; a first answer proves it has started.
        PaletteAnswer.Ask(this, palette, With("peek"));
        for (var i = 1; i <= 3; i++)
            Sys.Log.Warning("disk {0} is slow", i);

        AwaitAssert(() =>
        {
            var answer = PaletteAnswer.Ask(this, palette, With("peek", ("n", "2")));
            Assert.Equal(2, answer.Output.Count);
            Assert.EndsWith("disk 2 is slow", answer.Output[0]);
            Assert.Contains("[WARNING]", answer.Output[1]);
            Assert.EndsWith("disk 3 is slow", answer.Output[1]);
        }, TimeSpan.FromSeconds(10));
    }
}
