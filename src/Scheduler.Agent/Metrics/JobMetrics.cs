using Prometheus;
using Scheduler.Agent.Jobs;
using Scheduler.Domain.Config;
using Scheduler.Domain.Jobs;
using Scheduler.Domain.Pods;

namespace Scheduler.Agent.Metrics;

/// <summary>
/// The job counters and latency histograms of one replica, fed by each job actor as it persists a transition (never
/// on replay, so a restart or a takeover counts nothing twice). Registered in the replica's own registry. Steps are
/// counted by their class's execution mode, so exec and attach can be compared.
/// </summary>
public sealed class JobMetrics
{
    private static readonly double[] LatencyBuckets = Histogram.ExponentialBuckets(0.01, 2, 16); // 10 ms … ~5.5 min
    private static readonly double[] DurationBuckets = Histogram.ExponentialBuckets(1, 2, 16);   // 1 s … ~9 h

    private readonly Counter _claims;
    private readonly Counter _outcomes;
    private readonly Histogram _submitToClaim;
    private readonly Histogram _claimToRunning;
    private readonly Histogram _duration;
    private readonly Counter _steps;
    private readonly AgentOptions _agent;

    public JobMetrics(CollectorRegistry registry, AgentOptions agent)
    {
        _agent = agent;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _claims = factory.CreateCounter("scheduler_job_claims_total", "Jobs claimed (each attempt), by resource class.", "class");
        _outcomes = factory.CreateCounter("scheduler_jobs_finished_total", "Jobs that ended, by resource class and outcome.", "class", "outcome");
        _submitToClaim = factory.CreateHistogram("scheduler_job_submit_to_claim_seconds", "From submit to claim.",
            new HistogramConfiguration { LabelNames = ["class"], Buckets = LatencyBuckets });
        _claimToRunning = factory.CreateHistogram("scheduler_job_claim_to_running_seconds", "From claim to the pod running.",
            new HistogramConfiguration { LabelNames = ["class"], Buckets = LatencyBuckets });
        _duration = factory.CreateHistogram("scheduler_job_duration_seconds", "From claim (or submit, if never claimed) to the end, by outcome.",
            new HistogramConfiguration { LabelNames = ["class", "outcome"], Buckets = DurationBuckets });
        _steps = factory.CreateCounter("scheduler_steps_total",
            "Steps that ended with an exit code, by execution mode (exec, attach) and outcome (succeeded: exit 0, failed).", "mode", "outcome");
    }

    /// <summary>Records what <paramref name="e"/> did, given the job's state before and after it.</summary>
    public void Record(JobState before, IJobEvent e, JobState after)
    {
        var resourceClass = after.Spec.ResourceClass;
        switch (e)
        {
            case JobClaimed claimed:
                _claims.WithLabels(resourceClass).Inc();
                if (claimed.Attempt == 1)
                    _submitToClaim.WithLabels(resourceClass).Observe(Seconds(after.SubmittedAt, claimed.At));
                break;
            // A retried attempt keeps the job's first claim time, so only a first attempt measures claim → Running.
            case PodRunning running when after is { Attempt: 1, ClaimedAt: { } claimedAt }:
                _claimToRunning.WithLabels(resourceClass).Observe(Seconds(claimedAt, running.At));
                break;
            case StepFinished finished when _agent.ResourceClasses.TryGetValue(resourceClass, out var options):
                _steps.WithLabels(ModeLabel(options.Execution), finished.ExitCode == 0 ? "succeeded" : "failed").Inc();
                break;
        }

        if (after.IsTerminal && !before.IsTerminal && after.FinishedAt is { } finishedAt)
        {
            var outcome = JobViews.StateName(after.Phase);
            _outcomes.WithLabels(resourceClass, outcome).Inc();
            _duration.WithLabels(resourceClass, outcome).Observe(Seconds(after.ClaimedAt ?? after.SubmittedAt, finishedAt));
        }
    }

    private static string ModeLabel(ExecutionMode mode) => mode == ExecutionMode.Attach ? "attach" : "exec";

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);
}
