using System.Globalization;
using Scheduler.Agent.Jobs;

namespace Scheduler.Cli.Client;

/// <summary>Plain-text views of a job for the terminal: step headers and footers, status, the final summary.</summary>
public static class JobRenderer
{
    public static string StepHeader(StepView step, int stepCount) => $"==> [{step.Index + 1}/{stepCount}] {step.Name}";

    public static string StepFooter(StepView step, int stepCount)
    {
        var outcome = step.ExitCode is { } code ? $"exit {code}" : step.State;
        var duration = Duration(step.StartedAt, step.FinishedAt) is { } d ? $" in {d}" : "";
        return $"<== [{step.Index + 1}/{stepCount}] {step.Name}: {outcome}{duration}";
    }

    /// <summary>The job's state, where it ran, and one line per step; used by <c>sched status</c> and after <c>sched run</c>.</summary>
    public static IEnumerable<string> Summary(JobView job)
    {
        yield return $"job {job.Id}: {job.State}";
        yield return $"  resource class  {job.ResourceClass}";
        if (job.PodName is not null)
            yield return $"  pod             {job.PodName} (attempt {job.Attempt})";
        yield return $"  submitted       {job.SubmittedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}";
        if (Duration(job.StartedAt, job.FinishedAt) is { } duration)
            yield return $"  duration        {duration}";
        if (job.Waiting is { } waiting)
            yield return $"  waiting         {waiting.Reason}: {waiting.Message} (since {waiting.Since.ToLocalTime():HH:mm:ss})";
        if (job.FailureReason is not null)
            yield return $"  failure         {job.FailureReason}";
        if (job.LogTruncated)
            yield return "  log             truncated: output past the class's outputLimit was dropped";
        foreach (var failed in job.FailedAttempts)
            yield return $"  attempt {failed.Attempt}       {failed.Reason}: {failed.Message} (at {failed.At.ToLocalTime():HH:mm:ss}; retried)";

        var nameWidth = job.Steps.Count == 0 ? 0 : job.Steps.Max(s => s.Name.Length);
        foreach (var step in job.Steps)
        {
            var exit = step.ExitCode is { } code ? $"exit {code}" : "";
            yield return $"  [{step.Index + 1}/{job.Steps.Count}] {step.Name.PadRight(nameWidth)}  {step.State,-10} {exit}".TrimEnd();
        }
    }

    public static string? Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? Format(e - s) : null;

    public static string Format(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : span.TotalHours < 1
            ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s"
            : $"{(int)span.TotalHours}h{span.Minutes:00}m{span.Seconds:00}s";
}
