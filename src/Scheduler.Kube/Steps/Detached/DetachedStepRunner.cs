using Scheduler.Kube.Connection;

namespace Scheduler.Kube.Steps.Detached;

/// <summary>
/// Runs a step detached in the pod and follows its output files from byte offsets until it ends (see
/// <see cref="StepScripts"/>). In exec mode one exec launches and follows; in attach mode the attached shell launches
/// and an exec follows. The same call adopts a step an earlier agent launched: the launch claim makes a second launch
/// a no-op, and following resumes at the offsets given. A broken stream is followed again from where it stopped; an
/// end whose file sizes exceed what arrived (a live <c>tail</c> stopped short) is read again from there.
/// </summary>
public sealed class DetachedStepRunner(KubeConnection connection, string stepsDirectory)
{
    /// <summary>How many follow scripts one step may take, counting reconnects and catch-up reads.</summary>
    public const int MaxRounds = 8;

    public delegate Task<string> AttachLaunch(string stepsDirectory, StepInvocation step, CancellationToken ct);

    /// <summary>
    /// Returns the step's exit code once every byte of its output up to its end went to <paramref name="sink"/>.
    /// Throws <see cref="StepInfrastructureException"/> when the outcome cannot be known.
    /// </summary>
    public async Task<StepResult> RunAsync(StepInvocation step, StreamOffsets from, IStepOutputSink sink, AttachLaunch? attachLaunch, CancellationToken ct)
    {
        if (attachLaunch is not null && await LaunchByAttachAsync(step, attachLaunch, ct).ConfigureAwait(false) == StepScripts.NoVolume)
            throw NoVolume(step);

        var offsets = from;
        for (var round = 1; ; round++)
        {
            var marker = StepMarker.New();
            var script = StepScripts.Follow(stepsDirectory, step.Index, offsets.Stdout, offsets.Stderr, marker,
                launchScript: attachLaunch is null ? step.Script : null);
            string payload;
            try
            {
                payload = await ScriptExec.RunAsync(connection, step.PodName, step.Container, script, marker, async (stream, chunk, token) =>
                {
                    await sink.WriteAsync(stream, chunk, token).ConfigureAwait(false);
                    offsets = offsets.Advance(stream, chunk.Length);
                }, ct).ConfigureAwait(false);
            }
            catch (StepStreamLostException) when (round < MaxRounds)
            {
                await Task.Delay(Backoff(round), ct).ConfigureAwait(false);
                continue;
            }

            var end = StepEnd.Parse(payload);
            if (end.ExitCode is { } exitCode && (offsets.Covers(end) || round == MaxRounds))
                return offsets.Covers(end) ? new StepResult(exitCode) : throw Incomplete(step, offsets, end);
            if (end.ExitCode is null)
                throw Ended(step, end);
        }
    }

    private async Task<string> LaunchByAttachAsync(StepInvocation step, AttachLaunch launch, CancellationToken ct)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                return await launch(stepsDirectory, step, ct).ConfigureAwait(false);
            }
            catch (StepStreamLostException) when (round < MaxRounds)
            {
                await Task.Delay(Backoff(round), ct).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Backoff(int round) => TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(round, 5))));

    private static string Describe(StepInvocation step) => $"step {step.Index + 1} \"{step.Name}\" in pod {step.PodName}";

    private static StepInfrastructureException NoVolume(StepInvocation step) =>
        new($"{Describe(step)} cannot run: the pod has no steps volume");

    private static StepInfrastructureException Ended(StepInvocation step, StepEnd end) => new(end.Status switch
    {
        "gone" => $"{Describe(step)}: its process ended without an exit code (killed, or its pod stopped)",
        "unlaunched" => $"{Describe(step)}: it was claimed but its process never started (the launch was interrupted)",
        StepScripts.NoVolume => NoVolume(step).Message,
        _ => $"{Describe(step)}: unknown end \"{end.Status}\"",
    });

    private static StepInfrastructureException Incomplete(StepInvocation step, StreamOffsets offsets, StepEnd end) =>
        new($"{Describe(step)}: its output could not be read completely (read {offsets.Stdout}/{end.StdoutSize} stdout and {offsets.Stderr}/{end.StderrSize} stderr bytes)");
}
