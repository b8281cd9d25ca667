using Akka.Actor;
using Akka.Cluster;
using Prometheus;

namespace Scheduler.Agent.Metrics;

/// <summary>The cluster as this replica sees it at each scrape: members by status, and how many are unreachable.</summary>
public static class ClusterGauges
{
    public static void Register(CollectorRegistry registry, Func<ActorSystem> system)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var members = factory.CreateGauge("scheduler_cluster_members", "Cluster members this replica knows, by status (Up, Joining, Leaving, ...).", "status");
        var unreachable = factory.CreateGauge("scheduler_cluster_unreachable_members", "Cluster members this replica's failure detector marks unreachable.");
        registry.AddBeforeCollectCallback(() =>
        {
            var state = Cluster.Get(system()).State;
            foreach (var status in Enum.GetValues<MemberStatus>())
                members.WithLabels(status.ToString()).Set(state.Members.Count(m => m.Status == status));
            unreachable.Set(state.Unreachable.Count);
        });
    }
}
