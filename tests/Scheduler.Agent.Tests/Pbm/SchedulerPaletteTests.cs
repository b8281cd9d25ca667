using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using k8s.Models;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Api;
using Scheduler.Agent.Classes;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Agent.Pbm;
using Scheduler.Agent.Pbm.Palettes;
using Scheduler.Agent.Tests.Api;
using Scheduler.Domain.Config;
using Scheduler.Domain.Constraints;
using Scheduler.Domain.Pods;
using static Scheduler.Agent.Tests.Pbm.ConsoleCommands;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>The <c>scheduler</c> palette over an in-memory job service, a real SQLite log store, and probes for the class entities, the checker and the replica slots.</summary>
public sealed class SchedulerPaletteTests : TestKit, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("pbm-scheduler-");
    private readonly InMemoryJobService _jobs = new();
    private readonly SqliteJobLogStore _logs;
    private readonly TestProbe _slots;
    private readonly IActorRef _palette;

    public SchedulerPaletteTests()
    {
        _logs = new SqliteJobLogStore($"Data Source={Path.Combine(_directory.FullName, "logs.db")}");
        var agent = new AgentOptions
        {
            ResourceClasses = new Dictionary<string, ResourceClassOptions>
            {
                ["test/small"] = Class("test/small", 2),
                ["test/ssd"] = Class("test/ssd", null),
            },
        };
        var classes = CreateTestProbe();
        classes.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is GetClassStatus { ResourceClass: var name })
                sender.Tell(name == "test/small" ? new ClassStatus(name, ["job-q"], ["job-r"], true) : new ClassStatus(name, [], [], false));
            return AutoPilot.KeepRunning;
        }));
        var checker = CreateTestProbe();
        checker.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is GetConstraintChecks)
                sender.Tell(new ConstraintChecks(true, 3, TimeSpan.FromMinutes(15), ImmutableDictionary<string, ClassCheckState>.Empty
                    .Add("test/small", ClassCheckState.Unchecked)
                    .Add("test/ssd", new ClassCheckState(3, false, [], ["node n1: nodeSelector disktype=ssd (label absent) not matched"], DateTimeOffset.UtcNow))));
            return AutoPilot.KeepRunning;
        }));
        _slots = CreateTestProbe();
        var classesActor = new GivenActor<ResourceClassActor>(classes);
        var views = new ResourceClassViews(agent, classesActor, new GivenActor<ConstraintCheckerActor>(checker));
        _palette = Sys.ActorOf(SchedulerPaletteActor.Props(agent, _jobs, new JobLogFollower(_logs, _jobs), views, classesActor, new ReplicaDrain(new GivenActor<ReplicaSlotsActor>(_slots))));
    }

    public new void Dispose()
    {
        base.Dispose();
        _directory.Delete(recursive: true);
    }

    private static ResourceClassOptions Class(string name, int? limit) =>
        new(name, name + "-token", limit, ExecutionMode.Exec, new PodTemplate(new V1ObjectMeta(), new V1PodSpec()));

    [Fact]
    public void Classes_shows_each_class_state_counts_and_limit()
    {
        var answer = PaletteAnswer.Ask(this, _palette, With("classes"));

        Assert.Equal(0, answer.ExitCode);
        Assert.Equal(
            ["test/small | enabled | queued: 1 | running: 1 | limit: 2", "test/ssd | disabled | queued: 0 | running: 0 | limit: -", "Count: 2 classes"],
            answer.Output);
    }

    [Fact]
    public void Class_shows_its_queue_running_jobs_and_why_it_is_disabled()
    {
        var small = PaletteAnswer.Ask(this, _palette, With("class", ("n", "test/small")));
        var ssd = PaletteAnswer.Ask(this, _palette, With("class", ("n", "test/ssd")));

        Assert.Contains("  queued     1: job-q", small.Output);
        Assert.Contains("  running    1: job-r", small.Output);
        Assert.Equal("class test/ssd: disabled", ssd.Output[0]);
        Assert.Contains("    node n1: nodeSelector disktype=ssd (label absent) not matched", ssd.Output);
    }

    [Fact]
    public void Jobs_lists_the_jobs_in_a_state_then_their_count()
    {
        var running = _jobs.Add(JobStates.Running);
        _jobs.Add(JobStates.Succeeded);

        var answer = PaletteAnswer.Ask(this, _palette, With("jobs", ("s", "running")));

        Assert.Equal(0, answer.ExitCode);
        Assert.StartsWith($"{running.Id} | test/small | running | attempt 1 | submitted ", answer.Output[0]);
        Assert.Equal("Count: 1 jobs", answer.Output[^1]);
    }

    [Theory]
    [InlineData("s", "weird", "scheduler jobs: unknown state \"weird\"")]
    [InlineData("c", "test/none", "scheduler jobs: unknown class \"test/none\"")]
    public void Jobs_with_an_unknown_filter_is_bad_input(string flag, string value, string error)
    {
        var answer = PaletteAnswer.Ask(this, _palette, With("jobs", (flag, value)));

        Assert.Equal(ConsoleExitCodes.BadInput, answer.ExitCode);
        Assert.StartsWith(error, Assert.Single(answer.Errors));
    }

    [Theory]
    [InlineData("job")]
    [InlineData("logs")]
    [InlineData("cancel")]
    public void An_unknown_job_id_is_bad_input(string command)
    {
        var answer = PaletteAnswer.Ask(this, _palette, With(command, ("i", "no-such-job")));

        Assert.Equal(ConsoleExitCodes.BadInput, answer.ExitCode);
        Assert.Equal("unknown job \"no-such-job\"; scheduler jobs lists them", Assert.Single(answer.Errors));
    }

    [Fact]
    public void Job_shows_its_state_and_steps()
    {
        var job = _jobs.Add(JobStates.Failed);
        _jobs.Replace(job with { FailureReason = "step test exited with 3", Steps = [new StepView(0, "test", "failed", 3, null, null)] });

        var answer = PaletteAnswer.Ask(this, _palette, With("job", ("i", job.Id)));

        Assert.Equal($"job {job.Id}: failed", answer.Output[0]);
        Assert.Contains("  failure    step test exited with 3", answer.Output);
        Assert.Contains("  [1/1] test | failed | exit 3", answer.Output);
    }

    [Fact]
    public async Task Logs_prints_the_stored_log_line_by_line()
    {
        var job = _jobs.Add(JobStates.Running);
        await _logs.AppendAsync(job.Id, LogStream.Stdout, "first\nsec"u8.ToArray());
        await _logs.AppendAsync(job.Id, LogStream.Stdout, "ond\nunfinished"u8.ToArray());

        var answer = PaletteAnswer.Ask(this, _palette, With("logs", ("i", job.Id)));

        Assert.Equal(0, answer.ExitCode);
        Assert.Equal(["first", "second", "unfinished"], answer.Output);
    }

    [Fact]
    public void Cancel_cancels_a_running_job_and_refuses_a_finished_one()
    {
        var running = _jobs.Add(JobStates.Running);
        var finished = _jobs.Add(JobStates.Succeeded);

        var cancelled = PaletteAnswer.Ask(this, _palette, With("cancel", ("i", running.Id)));
        var refused = PaletteAnswer.Ask(this, _palette, With("cancel", ("i", finished.Id)));

        Assert.Equal(0, cancelled.ExitCode);
        Assert.Equal($"job {running.Id}: cancel requested, now cancelled", Assert.Single(cancelled.Output));
        Assert.Equal(ConsoleExitCodes.BadInput, refused.ExitCode);
        Assert.Equal($"job {finished.Id} already finished: succeeded", Assert.Single(refused.Errors));
    }

    [Fact]
    public void Drain_tells_the_replica_slots_to_stop_claiming()
    {
        var answer = PaletteAnswer.Ask(this, _palette, With("drain"));

        Assert.Equal(0, answer.ExitCode);
        _slots.ExpectMsg<StopClaiming>();
        Assert.Contains("stops claiming new jobs", Assert.Single(answer.Output));
    }
}
