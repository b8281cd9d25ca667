using System.Diagnostics;
using Scheduler.Agent.Tests.Support;
using Xunit.Abstractions;

namespace Scheduler.Agent.Tests.Chaos;

/// <summary>How the busiest replica is lost.</summary>
public enum ReplicaLoss
{
    /// <summary><c>kill -9</c>: a crash.</summary>
    Crash,

    /// <summary><c>kill -TERM</c>: a drain that hands its jobs off.</summary>
    Drain,

    /// <summary><c>kill -TERM</c>, then <c>kill -9</c> once it is draining (its <c>/readyz</c> says 503): killed mid-hand-off.</summary>
    KilledWhileDraining,
}

/// <summary>
/// Real processes (<c>deploy/local/cluster</c>: PostgreSQL, LocalKube and three <c>sched agent</c>s) and real signals to
/// the replica running the most jobs, with exec- and attach-mode jobs waiting in their first step.
/// The evidence is not the agents': each step appends its job's id to a file outside the pods (run counts), the logs
/// must equal what <c>seq</c> printed, and LocalKube must be left with no pod and no secret.
/// The <see cref="ChaosProfile"/> sets the crash's job count (about 100 in the large one) and whether the kill during a
/// drain runs.
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ReplicaLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int JobsPerClass = 4;
    private ChaosCluster? _cluster;

    public static TheoryData<ReplicaLoss, int> Losses
    {
        get
        {
            var losses = new TheoryData<ReplicaLoss, int> { { ReplicaLoss.Crash, ChaosProfile.Current.CrashJobsPerClass }, { ReplicaLoss.Drain, JobsPerClass } };
            if (ChaosProfile.Current.IsLarge)
                losses.Add(ReplicaLoss.KilledWhileDraining, JobsPerClass);
            return losses;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }

    /// <summary>
    /// A crashed member is downed after 5 s of stable unreachability instead of 20 s. Each replica may run half the
    /// jobs, and each class all of its own, so that all of them are in flight at once however many there are (the
    /// built-in classes allow 10, a replica 20).
    /// </summary>
    private static Dictionary<string, string> Environment(int jobsPerClass) => new()
    {
        ["SCHED_akka__cluster__split-brain-resolver__stable-after"] = "5s",
        ["SCHED_agent__maxConcurrentTasks"] = Math.Max(20, jobsPerClass).ToString(),
        ["SCHED_agent__resourceClasses__local/small__maxConcurrentTasks"] = Math.Max(10, jobsPerClass).ToString(),
        ["SCHED_agent__resourceClasses__local/attach__maxConcurrentTasks"] = Math.Max(10, jobsPerClass).ToString(),
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public async Task Jobs_of_a_lost_replica_finish_on_the_survivors_each_step_once_and_every_byte_once(ReplicaLoss loss, int jobsPerClass)
    {
        _cluster = new ChaosCluster(Environment(jobsPerClass));
        await _cluster.UpAsync();
        var api = _cluster.Api(1);
        var jobs = await _cluster.SubmitAsync(api, jobsPerClass, "local/small", "local/attach");
        await _cluster.AwaitFirstLinesAsync(api, jobs);

        var (victim, orphans) = await _cluster.BusiestAsync();
        var survivorApi = _cluster.Api(victim == 1 ? 2 : 1);
        var victimProcess = Process.GetProcessById(_cluster.Script.Pid($"replica-{victim}"));
        var lost = Stopwatch.StartNew();
        PosixSignals.Send(victimProcess.Id, loss == ReplicaLoss.Crash ? PosixSignals.SigKill : PosixSignals.SigTerm);
        if (loss == ReplicaLoss.KilledWhileDraining)
        {
            var victimApi = _cluster.Api(victim);
            await Eventually.UntilAsync(() => ReadyStatusAsync(victimApi), status => status != 200, $"replica-{victim} to drain", ChaosCluster.Timeout);
            Assert.True(PosixSignals.Send(victimProcess.Id, PosixSignals.SigKill), $"replica-{victim} had exited before the kill: its drain was over");
        }
        await _cluster.Steps.ReleaseAsync();
        var takeover = await ChaosCluster.AwaitOutputFlowingAsync(survivorApi, orphans, lost);
        await victimProcess.WaitForExitAsync().WaitAsync(ChaosCluster.Timeout);

        var scenario = loss switch
        {
            ReplicaLoss.Crash => $"`kill -9` of the busiest of three replica processes, {jobs.Count} jobs, exec and attach mixed",
            ReplicaLoss.Drain => "`kill -TERM` of the busiest replica process",
            _ => "`kill -TERM`, then `kill -9` of the busiest replica once it drains",
        };
        output.WriteLine($"replica-{victim} ran {orphans.Length} of {jobs.Count} jobs; {loss} → their output flowing again on a survivor: {takeover.TotalSeconds:F1} s");
        await _cluster.FinishAsync(scenario, survivorApi, jobs, takeover, output.WriteLine);
    }

    /// <summary>The replica's <c>/readyz</c> status; 0 when it does not answer (it has stopped listening).</summary>
    private static async Task<int> ReadyStatusAsync(HttpClient api)
    {
        try
        {
            using var response = await api.GetAsync("/readyz");
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
