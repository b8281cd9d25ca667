using Akka.Actor;
using Akka.Actor.Setup;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Config;
using Scheduler.Agent.GarbageCollection;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Serialization;
using Scheduler.Domain.Claims;
using Scheduler.Domain.Constraints;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Agent.Tests.Serialization;

/// <summary>One instance of every type the scheduler serializer writes, and an actor system set up as a replica's.</summary>
public static class FormatSamples
{
    /// <summary>The key the committed fixture's secrets were sealed with.</summary>
    public static readonly byte[] Key = Convert.FromBase64String("c2NoZWR1bGVyLWZpeHR1cmUta2V5LTMyLWJ5dGVzISE=");

    public const string SecretValue = "s3cr3t-value";

    public static readonly DateTimeOffset At = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly JobId Job = new("t-01jq3v8z2k7m4x9c1d");

    public static readonly TaskSpec Spec = new(
        "test/small",
        "alpine:3.20",
        [new StepSpec("greet", "echo \"$GREETING\""), new StepSpec("use the token", "test -n \"$API_TOKEN\"")],
        new Dictionary<string, string> { ["GREETING"] = "hello" },
        new Dictionary<string, string> { ["API_TOKEN"] = SecretValue },
        TimeSpan.FromMinutes(30));

    private static readonly GarbageDeletion Deletion = new("pod", "t-old-1", "uid-1", "t-old", "job finished", At);

    public static IReadOnlyList<object> Stored { get; } =
    [
        new JobSubmitted(Job, Spec, At),
        new JobClaimed(1, At),
        new JobAdopted(2, "agent-1 (akka.tcp://scheduler@127.0.0.1:4053)", At),
        new SecretCreated("t-01jq3v8z2k7m4x9c1d-1", At),
        new PodCreated("t-01jq3v8z2k7m4x9c1d-1", At),
        new PodStalled(PodStallKind.ImagePull, "ErrImagePull", "pull access denied", At),
        new PodRunning("localkube-node", At),
        new StepStarted(0, At),
        new StepFinished(0, 0, At),
        new JobSucceeded(At),
        new JobFailed(1, 3, "step 2 (use the token) exited with 3", At),
        new JobTimedOut(TimeSpan.FromMinutes(30), At),
        new JobCancelRequested(At),
        new JobCancelled(At),
        new JobInfraFailed("Unschedulable", "0/1 nodes are available", At),
        new ResourcesCleanedUp(At),
        new ClassJobQueued(Job.Value),
        new ClassJobDequeued(Job.Value),
        new ClassJobClaimed(Job.Value, At),
        new ClassJobReleased(Job.Value, "the job ended"),
        new ResourceClassSnapshot(["t-queued-1", "t-queued-2"], [new SlotHolder(Job, At)]),
    ];

    public static IReadOnlyList<object> Wire { get; } =
    [
        new SubmitJob(Job.Value, Spec),
        new StartJob(Job.Value),
        new CancelJob(Job.Value),
        new GetJob(Job.Value),
        new JobView(Job.Value, "test/small", JobStates.Running, 1, "t-01jq3v8z2k7m4x9c1d-1", null, At, At, null,
            [new StepView(0, "greet", "succeeded", 0, At, At), new StepView(1, "use the token", "running", null, At, null)])
        {
            ClaimedAt = At,
            RunningAt = At,
            Waiting = new PodWaitView("ErrImagePull", "pull access denied", At),
            Adoptions = [new AdoptionView(At, "agent-1", 2)],
        },
        new JobNotFound(Job.Value),
        new JobStartRefused(Job.Value),
        new EnqueueJob("test/small", Job.Value),
        new RemoveQueuedJob("test/small", Job.Value),
        new JobEnded("test/small", Job.Value),
        new GetClassStatus("test/small"),
        new ClassStatus("test/small", ["t-queued-1"], [Job.Value], true),
        new SetClassEnabled("test/small", false),
        new RequestSlots("test/small", 3),
        new ReleaseSlots("test/small", 2),
        new SlotsHeld("test/small", 1),
        new SlotGranted("test/small", "akka.tcp://scheduler@127.0.0.1:4053"),
        new RegisterClass("test/small"),
        new ReplicaSlotsReady("test/small", "akka.tcp://scheduler@127.0.0.1:4053"),
        new StopClaiming(),
        new RunGarbageCollection(),
        new GetGarbageCollectorStatus(),
        new GarbageCollectionRun("akka.tcp://scheduler@127.0.0.1:4053", At, At, [Deletion], ["deleting secret x failed: 500"]),
        new GarbageCollectorStatus(true, "akka.tcp://scheduler@127.0.0.1:4053", 3, At, At, [], [Deletion]),
        GetConstraintChecks.Instance,
        RunConstraintCheck.Instance,
        new ConstraintChecks(true, 3, TimeSpan.FromMinutes(15), new Dictionary<string, ClassCheckState>
        {
            ["test/small"] = new(1, true, [new NodeRejection("n1", NodeRejection.Constraints.Taints, "taint dedicated=ci:NoSchedule not tolerated")],
                ["node n1: taint dedicated=ci:NoSchedule not tolerated"], At),
        }),
    ];

    /// <summary>An actor system with the replica's serializer bindings and the fixture's secrets key.</summary>
    public static ActorSystemSetup SystemSetup() => ActorSystemSetup.Create(
        BootstrapSetup.Create().WithConfig(EmbeddedHocon.Load(EmbeddedHocon.Serialization)),
        new SecretsKeySetup(new SecretCipher(Key)));
}
