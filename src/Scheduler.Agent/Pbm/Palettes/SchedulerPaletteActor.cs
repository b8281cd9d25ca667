using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Scheduler.Agent.Actors;
using Scheduler.Agent.Hosting;
using Scheduler.Agent.Api;
using Scheduler.Agent.Classes;
using Scheduler.Agent.Jobs;
using Scheduler.Agent.Logs;
using Scheduler.Domain.Config;

namespace Scheduler.Agent.Pbm.Palettes;

/// <summary>
/// The <c>scheduler</c> palette: resource classes, jobs and their logs as the whole cluster sees them (the job views
/// and the class entities are shared), and <c>drain</c>, which stops this replica claiming.
/// </summary>
public sealed class SchedulerPaletteActor : PaletteActor
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static readonly PaletteSpec Spec = new("scheduler", "resource classes, jobs and their logs, across the cluster",
    [
        new("classes", "per class: enabled or not, queued, running and the limit"),
        new("class", "one class: its queue, its running jobs, its limit and its constraint checks",
            [OptionSpec.Value("n", "name", "the class, e.g. local/small", required: true)]),
        new("jobs", "the jobs, newest first (at most 100)",
        [
            OptionSpec.Value("s", "state", $"only jobs in this state ({string.Join(", ", JobStates.All)})"),
            OptionSpec.Value("c", "class", "only jobs of this resource class"),
        ]),
        new("job", "one job: state, pod, timestamps and steps", [OptionSpec.Value("i", "id", "the job's id", required: true)]),
        new("logs", "a job's log", [OptionSpec.Value("i", "id", "the job's id", required: true), OptionSpec.Switch("f", "follow the log until the job ends")]),
        new("cancel", "cancels a job", [OptionSpec.Value("i", "id", "the job's id", required: true)]),
        new("drain", "this replica stops claiming new jobs; its running jobs go on"),
    ]);

    private readonly AgentOptions _agent;
    private readonly IJobService _jobs;
    private readonly JobLogFollower _logs;
    private readonly ResourceClassViews _views;
    private readonly IRequiredActor<ResourceClassActor> _classes;
    private readonly ReplicaDrain _drain;
    private readonly string _replica = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();

    public SchedulerPaletteActor(
        AgentOptions agent, IJobService jobs, JobLogFollower logs, ResourceClassViews views, IRequiredActor<ResourceClassActor> classes, ReplicaDrain drain)
    {
        _agent = agent;
        _jobs = jobs;
        _logs = logs;
        _views = views;
        _classes = classes;
        _drain = drain;
    }

    protected override Task<int> RunAsync(ConsoleCommand command, ConsoleReply reply, CancellationToken ct) => command.Name switch
    {
        "classes" => ClassesAsync(reply, ct),
        "class" => ClassAsync(command.Option("n")!, reply, ct),
        "jobs" => JobsAsync(command.Option("s"), command.Option("c"), reply, ct),
        "job" => JobAsync(command.Option("i")!, reply, ct),
        "logs" => LogsAsync(command.Option("i")!, command.Switch("f"), reply, ct),
        "cancel" => CancelAsync(command.Option("i")!, reply, ct),
        _ => Task.FromResult(Drain(reply)),
    };

    private async Task<int> ClassesAsync(ConsoleReply reply, CancellationToken ct)
    {
        var view = await _views.GetAsync(ct);
        foreach (var c in view.Classes)
            reply.Line($"{c.Name} | {(c.Enabled ? "enabled" : "disabled")} | queued: {c.Queued} | running: {c.Running} | limit: {c.Limit?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        reply.Line($"Count: {view.Classes.Count} classes");
        return ConsoleExitCodes.Succeeded;
    }

    private async Task<int> ClassAsync(string name, ConsoleReply reply, CancellationToken ct)
    {
        if (!_agent.ResourceClasses.ContainsKey(name))
            return reply.Fail($"unknown class \"{name}\"; classes: {string.Join(", ", _agent.ResourceClasses.Keys.Order(StringComparer.Ordinal))}");
        var view = await _views.GetAsync(ct);
        var resourceClass = view.Classes.Single(c => c.Name == name);
        var status = await (await _classes.GetAsync(ct)).Ask<ClassStatus>(new GetClassStatus(name), AskTimeout, ct);
        reply.Line($"class {name}: {(resourceClass.Enabled ? "enabled" : "disabled")}");
        reply.Line($"  limit      {resourceClass.Limit?.ToString(CultureInfo.InvariantCulture) ?? "- (only the replicas' agent.maxConcurrentTasks)"}");
        reply.Line($"  execution  {_agent.ResourceClasses[name].Execution.ToString().ToLowerInvariant()}");
        reply.Line($"  queued     {Ids(status.Queued)}");
        reply.Line($"  running    {Ids(status.Running)}");
        reply.Line(view.CheckerEnabled
            ? $"  checks     {resourceClass.ConsecutiveFailures}/{view.Threshold} failed in a row, last {Time(resourceClass.LastChecked)}"
            : "  checks     off (agent.constraintChecker.enable = false)");
        foreach (var reason in resourceClass.Reasons)
            reply.Line($"    {reason}");
        return ConsoleExitCodes.Succeeded;
    }

    private async Task<int> JobsAsync(string? state, string? resourceClass, ConsoleReply reply, CancellationToken ct)
    {
        if (state is not null && !JobStates.All.Contains(state))
            return reply.Fail($"scheduler jobs: unknown state \"{state}\"; states: {string.Join(", ", JobStates.All)}");
        if (resourceClass is not null && !_agent.ResourceClasses.ContainsKey(resourceClass))
            return reply.Fail($"scheduler jobs: unknown class \"{resourceClass}\"; classes: {string.Join(", ", _agent.ResourceClasses.Keys.Order(StringComparer.Ordinal))}");
        var query = new JobQuery(state, resourceClass);
        var jobs = await _jobs.ListAsync(query, ct);
        foreach (var job in jobs)
            reply.Line($"{job.Id} | {job.ResourceClass} | {job.State} | attempt {job.Attempt} | submitted {Time(job.SubmittedAt)}");
        reply.Line(jobs.Count < query.Limit ? $"Count: {jobs.Count} jobs" : $"Count: {jobs.Count} jobs (the first {query.Limit}; narrow with -s or -c)");
        return ConsoleExitCodes.Succeeded;
    }

    private async Task<int> JobAsync(string id, ConsoleReply reply, CancellationToken ct)
    {
        if (await _jobs.GetAsync(id, ct) is not { } job)
            return UnknownJob(id, reply);
        reply.Line($"job {job.Id}: {job.State}");
        reply.Line($"  class      {job.ResourceClass}");
        reply.Line($"  attempt    {job.Attempt}");
        if (job.PodName is not null)
            reply.Line($"  pod        {job.PodName}");
        reply.Line($"  submitted  {Time(job.SubmittedAt)}");
        reply.Line($"  started    {Time(job.StartedAt)}");
        reply.Line($"  finished   {Time(job.FinishedAt)}");
        if (job.Waiting is { } waiting)
            reply.Line($"  waiting    {waiting.Reason}: {waiting.Message} (since {Time(waiting.Since)})");
        if (job.FailureReason is not null)
            reply.Line($"  failure    {job.FailureReason}");
        foreach (var adoption in job.Adoptions)
            reply.Line($"  adopted    {Time(adoption.At)} by {adoption.Owner} (epoch {adoption.Epoch})");
        foreach (var step in job.Steps)
            reply.Line($"  [{step.Index + 1}/{job.Steps.Count}] {step.Name} | {step.State}{(step.ExitCode is { } code ? $" | exit {code}" : "")}");
        return ConsoleExitCodes.Succeeded;
    }

    private async Task<int> LogsAsync(string id, bool follow, ConsoleReply reply, CancellationToken ct)
    {
        if (await _jobs.GetAsync(id, ct) is null)
            return UnknownJob(id, reply);
        var decoder = Encoding.UTF8.GetDecoder();
        var pending = new StringBuilder();
        await foreach (var logEvent in _logs.ReadAsync(id, 0, follow, ct))
        {
            if (logEvent.Data is not { Length: > 0 } data)
                continue;
            var chars = new char[decoder.GetCharCount(data, flush: false)];
            decoder.GetChars(data, chars, flush: false);
            pending.Append(chars);
            WriteCompleteLines(pending, reply);
        }
        if (pending.Length > 0)
            reply.Line(pending.ToString());
        return ConsoleExitCodes.Succeeded;
    }

    private static void WriteCompleteLines(StringBuilder pending, ConsoleReply reply)
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
            return;
        foreach (var line in text[..end].Split('\n'))
            reply.Line(line.TrimEnd('\r'));
        pending.Remove(0, end + 1);
    }

    private async Task<int> CancelAsync(string id, ConsoleReply reply, CancellationToken ct)
    {
        if (await _jobs.GetAsync(id, ct) is not { } job)
            return UnknownJob(id, reply);
        if (job.IsTerminal)
            return reply.Fail($"job {id} already finished: {job.State}");
        var cancelled = await _jobs.CancelAsync(id, ct);
        reply.Line($"job {id}: cancel requested, now {cancelled?.State ?? "gone"}");
        return ConsoleExitCodes.Succeeded;
    }

    private int Drain(ConsoleReply reply)
    {
        _drain.Begin();
        reply.Line($"replica {_replica} stops claiming new jobs and /readyz answers 503; the jobs it runs go on. Restart it to claim again.");
        return ConsoleExitCodes.Succeeded;
    }

    private static int UnknownJob(string id, ConsoleReply reply) => reply.Fail($"unknown job \"{id}\"; scheduler jobs lists them");

    private static string Ids(IReadOnlyList<string> ids) =>
        ids.Count == 0 ? "0" : $"{ids.Count}: {string.Join(", ", ids)}";

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "-";

    public static Props Props(
        AgentOptions agent, IJobService jobs, JobLogFollower logs, ResourceClassViews views, IRequiredActor<ResourceClassActor> classes, ReplicaDrain drain) =>
        Akka.Actor.Props.Create(() => new SchedulerPaletteActor(agent, jobs, logs, views, classes, drain));
}

public static class SchedulerPaletteRegistration
{
    /// <summary>Register the replica slots, the class shard and the constraint checker first.</summary>
    public static AkkaConfigurationBuilder AddSchedulerPalette(this AkkaConfigurationBuilder builder, AgentOptions agent) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var jobs = resolver.GetService<IJobService>();
            registry.Register<SchedulerPaletteActor>(system.ActorOf(SchedulerPaletteActor.Props(
                agent,
                jobs,
                new JobLogFollower(resolver.GetService<IJobLogStore>(), jobs),
                resolver.GetService<ResourceClassViews>(),
                resolver.GetService<IRequiredActor<ResourceClassActor>>(),
                resolver.GetService<ReplicaDrain>()), "pbm-scheduler"));
        });
}
