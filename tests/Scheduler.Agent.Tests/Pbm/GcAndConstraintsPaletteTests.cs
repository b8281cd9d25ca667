using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Scheduler.Agent.Actors;
using Scheduler.Agent.GarbageCollection;
using Scheduler.Agent.Pbm;
using Scheduler.Agent.Pbm.Palettes;
using Scheduler.Domain.Config;
using Scheduler.Domain.Constraints;
using static Scheduler.Agent.Tests.Pbm.ConsoleCommands;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>The <c>gc</c> and <c>constraints</c> palettes, with stand-ins for the singletons they ask.</summary>
public sealed class GcAndConstraintsPaletteTests : TestKit
{
    private sealed class StubCollector : IGarbageCollector
    {
        private static readonly GarbageDeletion Deletion =
            new("pod", "sched-old-1", "uid-1", "old", "older than kubeGCThreshold", DateTimeOffset.UtcNow);

        public Task<GarbageCollectorStatus> StatusAsync(CancellationToken ct) => Task.FromResult(
            new GarbageCollectorStatus(true, "akka.tcp://scheduler@127.0.0.1:1", 4, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(3), [], [Deletion]));

        public Task<GarbageCollectionRun> RunAsync(CancellationToken ct) => Task.FromResult(
            new GarbageCollectionRun("akka.tcp://scheduler@127.0.0.1:1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, [Deletion], []));
    }

    [Fact]
    public void Gc_status_shows_where_it_runs_its_settings_and_deletions()
    {
        var palette = Sys.ActorOf(GcPaletteActor.Props(new AgentOptions(), new StubCollector()));

        var answer = PaletteAnswer.Ask(this, palette, With("status"));

        Assert.Equal(0, answer.ExitCode);
        Assert.Equal("garbage collector: running on akka.tcp://scheduler@127.0.0.1:1", answer.Output[0]);
        Assert.Contains(answer.Output, l => l.StartsWith("  settings   every 3m0s, deletes what is older than 5h5m0s"));
        Assert.Contains(answer.Output, l => l.EndsWith("| pod sched-old-1 | older than kubeGCThreshold"));
    }

    [Fact]
    public void Gc_run_when_disabled_is_refused_and_status_says_disabled()
    {
        var palette = Sys.ActorOf(GcPaletteActor.Props(new AgentOptions { KubeGCEnabled = false }, null));

        var run = PaletteAnswer.Ask(this, palette, With("run"));
        var status = PaletteAnswer.Ask(this, palette, With("status"));

        Assert.Equal(ConsoleExitCodes.BadInput, run.ExitCode);
        Assert.Equal("garbage collector: disabled (agent.kubeGCEnabled = false)", Assert.Single(run.Errors));
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("garbage collector: disabled (agent.kubeGCEnabled = false)", Assert.Single(status.Output));
    }

    private (IActorRef Palette, TestProbe Checker) Constraints()
    {
        var checks = new ConstraintChecks(true, 3, TimeSpan.FromMinutes(15), ImmutableDictionary<string, ClassCheckState>.Empty
            .Add("test/small", ClassCheckState.Unchecked)
            .Add("test/ssd", new ClassCheckState(3, false, [], ["node n1: taint dedicated=ci:NoSchedule not tolerated"], null)));
        var checker = CreateTestProbe();
        checker.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell(checks);
            return AutoPilot.KeepRunning;
        }));
        return (Sys.ActorOf(ConstraintsPaletteActor.Props(new GivenActor<ConstraintCheckerActor>(checker))), checker);
    }

    [Fact]
    public void Constraints_status_shows_each_class_with_its_reasons()
    {
        var (palette, checker) = Constraints();

        var answer = PaletteAnswer.Ask(this, palette, With("status"));

        checker.ExpectMsg<GetConstraintChecks>();
        Assert.Equal(
        [
            "constraint checker: on (every 15m0s and on node changes; disables a class after 3 failed checks)",
            "test/small | enabled | failures: 0/3 | last checked: never",
            "test/ssd | disabled | failures: 3/3 | last checked: never",
            "    node n1: taint dedicated=ci:NoSchedule not tolerated",
        ], answer.Output);
    }

    [Fact]
    public void Constraints_check_asks_for_a_check_and_shows_the_one_class()
    {
        var (palette, checker) = Constraints();

        var answer = PaletteAnswer.Ask(this, palette, With("check", ("n", "test/small")));

        checker.ExpectMsg<RunConstraintCheck>();
        Assert.Equal("test/small | enabled | failures: 0/3 | last checked: never", answer.Output[^1]);
        Assert.Equal(2, answer.Output.Count);
    }

    [Fact]
    public void Constraints_check_of_an_unknown_class_is_bad_input()
    {
        var (palette, _) = Constraints();

        var answer = PaletteAnswer.Ask(this, palette, With("check", ("n", "test/none")));

        Assert.Equal(ConsoleExitCodes.BadInput, answer.ExitCode);
        Assert.StartsWith("unknown class \"test/none\"", Assert.Single(answer.Errors));
    }
}
