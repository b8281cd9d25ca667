using Scheduler.Agent.Jobs;
using Scheduler.Cli.Client;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The core of <c>sched run</c>, callable in-process: checks the spec and config (bad input exits 2 before anything
/// starts), starts LocalKube and an embedded agent, submits the task through the agent's HTTP API with the class's
/// token like any remote user, streams the output with step headers, prints a summary, and stops everything.
/// Cancelling <c>ct</c> (Ctrl-C) cancels the job, lets it wind down, and exits 5. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public sealed class RunCommandHandler(TextWriter output, TextWriter error)
{
    /// <summary>How long a cancelled run waits for the job to wind down before it stops the agent anyway.</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FinalStateWait = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(RunSettings settings, CancellationToken ct)
    {
        var (run, problems) = await RunPreflight.CheckAsync(settings, ct);
        if (run is null)
        {
            foreach (var problem in problems)
                await error.WriteLineAsync($"sched: {problem}");
            return ExitCodes.BadInput;
        }

        RunEnvironment environment;
        try
        {
            environment = await RunEnvironment.StartAsync(settings, run.Options.Kubernetes, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"sched: could not start the agent: {e.Message}");
            return ExitCodes.InfrastructureFailure;
        }

        await using (environment)
        {
            using var client = new SchedulerClient(environment.Agent.ApiBaseUri, run.Token);
            var exitCode = await RunJobAsync(client, run, ct);
            if (environment.KeptDataDirectory is { } kept)
                await output.WriteLineAsync($"agent data kept in {kept}");
            return exitCode;
        }
    }

    private async Task<int> RunJobAsync(SchedulerClient client, RunPreflight.Prepared run, CancellationToken ct)
    {
        JobView job;
        try
        {
            job = await client.SubmitAsync(run.SpecText, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is ApiRequestException or AgentUnreachableException)
        {
            await error.WriteLineAsync($"sched: the agent did not accept the task: {e.Message}");
            return ExitCodes.InfrastructureFailure;
        }

        var steps = run.Spec.Steps.Count == 1 ? "1 step" : $"{run.Spec.Steps.Count} steps";
        await output.WriteLineAsync($"job {job.Id} queued on {job.ResourceClass} ({steps})");
        var log = new LiveLogWriter(output, run.Spec.Steps.Count);
        var cancelled = false;
        try
        {
            await StreamLogAsync(client, job.Id, log, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled = true;
            await error.WriteLineAsync($"sched: cancelling job {job.Id}...");
            using var windDown = new CancellationTokenSource(WindDown);
            await TryAsync(async () =>
            {
                await client.CancelAsync(job.Id, windDown.Token);
                await StreamLogAsync(client, job.Id, log, windDown.Token);
            });
        }
        catch (Exception e) when (e is ApiRequestException or AgentUnreachableException or HttpRequestException or IOException)
        {
            await error.WriteLineAsync($"sched: lost the job's log: {e.Message}");
        }

        var final = await FinalStateAsync(client, job.Id);
        if (final is null)
        {
            await error.WriteLineAsync($"sched: job {job.Id} did not reach a final state");
            return cancelled ? ExitCodes.Cancelled : ExitCodes.InfrastructureFailure;
        }

        await output.WriteLineAsync();
        foreach (var line in JobRenderer.Summary(final))
            await output.WriteLineAsync(line);
        return cancelled ? ExitCodes.Cancelled : ExitCodes.ForJobState(final.State);
    }

    /// <summary>
    /// Prints the followed log from where <paramref name="log"/> stopped, until the agent ends the stream: it decides
    /// when the job's log is over (see <c>JobLogFollower</c>).
    /// </summary>
    private static async Task StreamLogAsync(SchedulerClient client, string jobId, LiveLogWriter log, CancellationToken ct)
    {
        await foreach (var logEvent in client.FollowLogEventsAsync(jobId, log.NextOffset, ct))
            await log.WriteAsync(logEvent, ct);
    }

    /// <summary>
    /// The job once it is terminal. Its log completes as the job finishes, so the view is normally final already;
    /// the short re-reads only cover the moment between the two being recorded.
    /// </summary>
    private static async Task<JobView?> FinalStateAsync(SchedulerClient client, string jobId)
    {
        using var deadline = new CancellationTokenSource(FinalStateWait);
        try
        {
            while (true)
            {
                var job = await client.GetAsync(jobId, deadline.Token);
                if (job.IsTerminal)
                    return job;
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ApiRequestException or AgentUnreachableException)
        {
            return null;
        }
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is OperationCanceledException or ApiRequestException or AgentUnreachableException)
        {
            await error.WriteLineAsync($"sched: {e.Message}");
        }
    }
}
