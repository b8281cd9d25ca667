using Scheduler.Agent.Actors;
using Serilog.Core;
using Serilog.Events;

namespace Scheduler.Agent.Hosting;

/// <summary>
/// Gives <c>JobId</c> to what Akka.NET itself logs from a job's actor (a persistence failure, say), which does not go
/// through the actor's own logger: the job shard's entities live at <c>…/system/sharding/job/&lt;shard&gt;/&lt;job id&gt;</c>.
/// </summary>
internal sealed class JobActorLogEnricher : ILogEventEnricher
{
    private static readonly string JobEntities = $"/system/sharding/{JobRegistration.RegionName}/";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.ContainsKey("JobId")
            || !logEvent.Properties.TryGetValue("ActorPath", out var property)
            || property is not ScalarValue { Value: { } value })
            return;
        var path = value.ToString()!;
        var at = path.IndexOf(JobEntities, StringComparison.Ordinal);
        if (at < 0)
            return;
        var names = path[(at + JobEntities.Length)..].Split('/');
        if (names.Length >= 2 && names[1].Length > 0)
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("JobId", names[1]));
    }
}
