using Scheduler.Agent.Jobs;

namespace Scheduler.Benchmarks.Measurement;

/// <summary>The stages of one finished job, in milliseconds, from the timestamps the agent records in its view.</summary>
public static class JobStages
{
    public static double SubmitToClaim(JobView v) => Between(v.SubmittedAt, v.ClaimedAt);

    public static double EndToEnd(JobView v) => Between(v.SubmittedAt, v.FinishedAt);

    public static readonly IReadOnlyList<(string Name, Func<JobView, double> Of)> All =
    [
        ("submit → claim", SubmitToClaim),
        ("claim → pod created", v => Between(v.ClaimedAt, v.PodCreatedAt)),
        ("pod created → Running", v => Between(v.PodCreatedAt, v.RunningAt)),
        ("Running → step 1 started", v => Between(v.RunningAt, FirstStep(v).StartedAt)),
        ("step 1 duration", v => Between(FirstStep(v).StartedAt, FirstStep(v).FinishedAt)),
        ("last step finished → job end", v => Between(v.Steps[^1].FinishedAt, v.FinishedAt)),
        ("job end to end", EndToEnd),
    ];

    private static StepView FirstStep(JobView view) =>
        view.Steps.Count > 0 ? view.Steps[0] : throw new InvalidOperationException($"job {view.Id} has no steps");

    private static double Between(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end
            ? (end - start).TotalMilliseconds
            : throw new InvalidOperationException($"a stage timestamp is missing (from {from:O}, to {to:O})");
}
