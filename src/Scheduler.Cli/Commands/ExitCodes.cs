using Scheduler.Agent.Jobs;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The exit codes of <c>sched</c> (listed in the README):
/// 0 succeeded; 1 a step failed; 2 bad input (spec, config, usage, or a request the agent rejected);
/// 3 infrastructure failure (agent or cluster unreachable, the job ended infra_failed, an agent error);
/// 4 the job timed out; 5 the job was cancelled (also Ctrl-C during <c>sched run</c>).
/// </summary>
public static class ExitCodes
{
    public const int Succeeded = 0;
    public const int StepFailed = 1;
    public const int BadInput = 2;
    public const int InfrastructureFailure = 3;
    public const int TimedOut = 4;
    public const int Cancelled = 5;

    /// <summary>The exit code that reports a finished job's state.</summary>
    public static int ForJobState(string state) => state switch
    {
        JobStates.Succeeded => Succeeded,
        JobStates.Failed => StepFailed,
        JobStates.TimedOut => TimedOut,
        JobStates.Cancelled => Cancelled,
        _ => InfrastructureFailure,
    };
}
