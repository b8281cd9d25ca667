using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Logs;

/// <summary>
/// The key of a step in the durable log: attempt-major, so every attempt's steps get their own marks and stream
/// positions (a new attempt's step 1 reads its new pod's files from byte 0), and attempt 1's keys are the step indexes.
/// </summary>
public static class LogStepKeys
{
    public static int Of(int attempt, int stepIndex) => (Math.Max(attempt, 1) - 1) * TaskSpecParser.MaxSteps + stepIndex;

    public static int StepIndexOf(int key) => key % TaskSpecParser.MaxSteps;

    public static int AttemptOf(int key) => key / TaskSpecParser.MaxSteps + 1;
}
