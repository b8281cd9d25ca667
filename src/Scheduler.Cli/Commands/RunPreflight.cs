using Scheduler.Agent;
using Scheduler.Agent.Api;
using Scheduler.Domain.Config;
using Scheduler.Domain.Tasks;

namespace Scheduler.Cli.Commands;

/// <summary>
/// Everything <c>sched run</c> checks before it starts anything: the spec file parses and validates, the agent
/// config loads, the spec's resource class exists there and its timeout fits <c>agent.maxRunTime</c>.
/// </summary>
internal static class RunPreflight
{
    /// <summary>A run that may start: the spec text as submitted, the agent's options, and the class's token.</summary>
    public sealed record Prepared(string SpecText, TaskSpec Spec, SchedulerOptions Options, string Token);

    /// <summary>The prepared run, or the problems (one line each, naming the field or config key).</summary>
    public static async Task<(Prepared? Run, IReadOnlyList<string> Problems)> CheckAsync(RunSettings settings, CancellationToken ct)
    {
        var file = settings.SpecFile;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [$"cannot read {file}: {e.Message}"]);
        }

        var parsed = TaskSpecParser.Parse(text);
        if (!parsed.IsValid)
            return (null, parsed.Errors.Select(error => $"{file}: {error}").ToList());

        SchedulerOptions options;
        try
        {
            options = AgentHost.LoadConfig(new AgentHostSettings { ConfigFile = settings.ConfigFile, Environment = settings.Environment }).Options;
        }
        catch (AgentConfigException e)
        {
            return (null, ["invalid agent config:", .. e.Message.Split(Environment.NewLine)]);
        }

        var spec = parsed.Spec;
        if (!options.Agent.ResourceClasses.TryGetValue(spec.ResourceClass, out var resourceClass))
            return (null, [$"{file}: resource_class: no resource class \"{spec.ResourceClass}\" in the agent config " +
                           $"(it has: {string.Join(", ", options.Agent.ResourceClasses.Keys)})"]);

        if (TaskAdmission.From(options.Agent).Admit(new ApiCaller(resourceClass.Name), text) is AdmissionResult.Rejected rejected)
            return (null, (rejected.Error.Details ?? []).Select(d => $"{file}: {d.Path}: {d.Message}").DefaultIfEmpty($"{file}: {rejected.Error.Error}").ToList());

        return (new Prepared(text, spec, options, resourceClass.Token), []);
    }
}
