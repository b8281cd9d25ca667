using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Actors;
using Scheduler.Agent.GarbageCollection;
using Scheduler.Domain.Config;
using Scheduler.Domain.Time;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>The <c>gc</c> palette: the garbage collector singleton, wherever it runs.</summary>
public sealed class GcPaletteActor : PaletteActor
{
    public static readonly PaletteSpec Spec = new("gc", "the garbage collector of stray pods and secrets",
    [
        new("status", "where it runs, its last and next pass, its settings and its latest deletions"),
        new("run", "runs a pass now and shows what it deleted"),
    ]);

    private readonly AgentOptions _agent;
    private readonly IGarbageCollector? _collector;

    /// <param name="collector">Null when <c>agent.kubeGCEnabled</c> is off.</param>
    public GcPaletteActor(AgentOptions agent, IGarbageCollector? collector)
    {
        _agent = agent;
        _collector = collector;
    }

    protected override async Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct)
    {
        if (_collector is null)
        {
            const string disabled = "garbage collector: disabled (agent.kubeGCEnabled = false)";
            if (command.Name == "run")
                return reply.Fail(disabled);
            reply.Line(disabled);
            return ConsoleExitCodes.Succeeded;
        }

        if (command.Name == "run")
        {
            var run = await _collector.RunAsync(ct);
            reply.Line($"garbage collection on {run.Node}: deleted {run.Deleted.Count} in {(run.FinishedAt - run.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s");
            reply.Lines(run.Deleted.Select(Deletion));
            reply.Lines(run.Errors.Select(e => $"  error: {e}"));
            return run.Errors.Count == 0 ? ConsoleExitCodes.Succeeded : ConsoleExitCodes.Failed;
        }

        var status = await _collector.StatusAsync(ct);
        reply.Line($"garbage collector: running on {status.Node}");
        reply.Line($"  last run   {Time(status.LastRunAt)} ({status.Runs} passes since it started there)");
        reply.Line($"  next run   {Time(status.NextRunAt)}");
        reply.Line($"  settings   every {GoDuration.Format(_agent.KubeGCInterval)}, deletes what is older than {GoDuration.Format(_agent.KubeGCThreshold)} or belongs to a finished or unknown job");
        reply.Lines(status.LastErrors.Select(e => $"  error      {e}"));
        reply.Line($"  deletions  {status.RecentDeletions.Count} recent, newest first");
        reply.Lines(status.RecentDeletions.Select(Deletion));
        return ConsoleExitCodes.Succeeded;
    }

    private static string Deletion(GarbageDeletion d) => $"    {Time(d.At)} | {d.Kind} {d.Name} | {d.Reason}";

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "-";

    public static Props Props(AgentOptions agent, IGarbageCollector? collector) =>
        Akka.Actor.Props.Create(() => new GcPaletteActor(agent, collector));
}

public static class GcPaletteRegistration
{
    public static AkkaConfigurationBuilder AddGcPalette(this AkkaConfigurationBuilder builder, AgentOptions agent) =>
        builder.WithActors((system, registry, resolver) =>
            registry.Register<GcPaletteActor>(system.ActorOf(
                GcPaletteActor.Props(agent, agent.KubeGCEnabled ? resolver.GetService<IGarbageCollector>() : null), "pbm-gc")));
}
