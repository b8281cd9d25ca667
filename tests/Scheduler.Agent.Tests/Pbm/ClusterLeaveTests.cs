using Scheduler.Agent.Tests.Support;

namespace Scheduler.Agent.Tests.Pbm;

/// <summary>A replica told to leave through its own console stops its process instead of serving on without a cluster.</summary>
public sealed class ClusterLeaveTests : IAsyncLifetime
{
    private readonly AgentProcessOnLocalKube _console = new();

    public Task InitializeAsync() => _console.InitializeAsync();

    public Task DisposeAsync() => _console.DisposeAsync();

    [Fact]
    public async Task Cluster_leave_of_the_replica_itself_ends_its_process_with_exit_3()
    {
        var leave = await PbmProcess.RunAsync("pbm", _console.Agent.ConsoleEndpoint, "cluster", "leave");

        Assert.Equal(0, leave.ExitCode);
        Assert.Equal(3, await _console.Agent.ExitCodeAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("sched: this replica is no longer a cluster member (downed, or told to leave); stopping", _console.Agent.Output);
    }
}
