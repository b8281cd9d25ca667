using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit.Xunit2;
using Scheduler.Agent.Pbm;
using Scheduler.Agent.Pbm.Palettes;
using static Scheduler.Agent.Tests.Pbm.ConsoleCommands;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>The <c>cluster</c> palette in a one-node cluster.</summary>
public sealed class ClusterPaletteTests() : TestKit("""
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
    """)
{
    private IActorRef JoinedPalette()
    {
        var cluster = Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember.Status == MemberStatus.Up, TimeSpan.FromSeconds(20));
        return Sys.ActorOf(ClusterPaletteActor.Props());
    }

    [Fact]
    public void Show_lists_each_member_then_the_count()
    {
        var palette = JoinedPalette();

        var answer = PaletteAnswer.Ask(this, palette, With("show"));

        Assert.Equal(0, answer.ExitCode);
        Assert.Equal($"{Cluster.Get(Sys).SelfAddress} | roles: - | Up | reachable | leader, this replica", answer.Output[0]);
        Assert.Equal("Count: 1 nodes", answer.Output[1]);
    }

    [Fact]
    public void Tail_streams_the_members_as_events_until_its_client_leaves()
    {
        var palette = JoinedPalette();
        var client = CreateTestProbe();

        palette.Tell(With("tail"), client);

        var line = client.ExpectMsg<ConsoleLine>(TimeSpan.FromSeconds(10));
        Assert.Contains($"MemberUp: {Cluster.Get(Sys).SelfAddress} (Up)", line.Text);
        Watch(palette);
        Sys.Stop(client);
        // The palette keeps serving after the stream ended.
        Assert.Equal(0, PaletteAnswer.Ask(this, palette, With("show")).ExitCode);
    }

    [Theory]
    [InlineData("join", "nowhere")]
    [InlineData("leave", "akka.tcp://scheduler")]
    public void An_address_that_is_not_one_is_bad_input(string command, string address)
    {
        var palette = JoinedPalette();

        var answer = PaletteAnswer.Ask(this, palette, With(command, ("a", address)));

        Assert.Equal(ConsoleExitCodes.BadInput, answer.ExitCode);
        Assert.StartsWith("not a member address", Assert.Single(answer.Errors));
    }

    [Fact]
    public void Down_unreachable_says_when_there_is_nothing_to_down()
    {
        var answer = PaletteAnswer.Ask(this, JoinedPalette(), With("down-unreachable"));

        Assert.Equal(["no unreachable members"], answer.Output);
    }
}
