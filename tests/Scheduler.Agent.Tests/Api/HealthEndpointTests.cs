using System.Net;
using Scheduler.Agent.Api;
using Xunit;

namespace Scheduler.Agent.Tests.Api;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Readyz_follows_the_agents_readiness_while_healthz_stays_ok()
    {
        var readiness = new SwitchableReadiness { Reason = "joining the cluster" };
        await using var server = await ApiTestServer.StartAsync(readiness);

        var notReady = await server.Client.GetAsync("/readyz");
        var healthy = await server.Client.GetAsync("/healthz");
        readiness.Reason = null;
        var ready = await server.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("joining the cluster", await ApiResponses.ErrorNamingAsync(notReady, "readiness"));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private sealed class SwitchableReadiness : IAgentReadiness
    {
        public bool IsReady => Reason is null;
        public string? Reason { get; set; }
    }
}
